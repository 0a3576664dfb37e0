package dev.shapes.framework;

import dev.shapes.eval.Framework;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Profile;
import java.util.List;

/** A framework the notation names but whose profile has not been built yet; {@code use} says so plainly. */
final class Unavailable implements Framework {

    private final String id;
    private final String displayName;
    private final List<String> aliases;

    Unavailable(String id, String displayName, List<String> aliases) {
        this.id = id;
        this.displayName = displayName;
        this.aliases = aliases;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public List<String> versions() {
        return List.of();
    }

    @Override
    public Profile profile(List<String> options) {
        throw new NotationException("NotImplementedError",
                "the " + displayName + " profile is not available yet in this version of Shapes; "
                        + "use torch (PyTorch 2.x) or torch 1.13", null);
    }
}
