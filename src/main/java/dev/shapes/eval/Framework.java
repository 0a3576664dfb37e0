package dev.shapes.eval;

import java.util.List;

/** A framework Shapes can model; {@code use <id> [options]} asks it for a profile. */
public interface Framework {

    String id();

    /** Other names {@code use} accepts for it (e.g. {@code pytorch}). */
    default List<String> aliases() {
        return List.of();
    }

    /** Human name, e.g. "PyTorch". */
    String displayName();

    /** The versions it can reproduce, default first. */
    List<String> versions();

    /** The profile for these {@code use} options (a version, a mode); raises NotationException on bad ones. */
    Profile profile(List<String> options);

    /**
     * A copy whose per-session state (automatic names, graphs) is independent
     * of this one's, for a forked session; frameworks without such state
     * return themselves.
     */
    default Framework fork() {
        return this;
    }

    /** In a fork, the profile that stands for {@code original} (one of this framework's originals' profiles). */
    default Profile counterpart(Profile original) {
        return original;
    }
}
