package dev.shapes.framework.numpy;

import dev.shapes.eval.Framework;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Profile;
import java.util.List;

/** NumPy: {@code use numpy} (2.x) or {@code use numpy 1.24}. */
public final class NumpyFramework implements Framework {

    private final NumpyProfile v2 = new NumpyProfile(NumpyVersion.V2);
    private final NumpyProfile v124 = new NumpyProfile(NumpyVersion.V1_24);

    @Override
    public String id() {
        return "numpy";
    }

    @Override
    public List<String> aliases() {
        return List.of("np");
    }

    @Override
    public String displayName() {
        return "NumPy";
    }

    @Override
    public List<String> versions() {
        return List.of(NumpyVersion.V2.label, NumpyVersion.V1_24.label);
    }

    @Override
    public Profile profile(List<String> options) {
        if (options.isEmpty()) {
            return v2;
        }
        if (options.size() > 1) {
            throw new NotationException("ValueError", "use numpy takes one version, e.g. 'use numpy 1.24'", null);
        }
        String version = options.get(0);
        if (version.equals("2") || version.startsWith("2.")) {
            return v2;
        }
        if (version.equals("1") || version.equals("1.24") || version.startsWith("1.24.")) {
            return v124;
        }
        throw new NotationException("ValueError", "Shapes reproduces NumPy 2.x and 1.24, not '" + version
                + "'; write 'use numpy' or 'use numpy 1.24'", null);
    }
}
