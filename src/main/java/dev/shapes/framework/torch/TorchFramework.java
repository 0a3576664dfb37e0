package dev.shapes.framework.torch;

import dev.shapes.eval.Framework;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Profile;
import java.util.List;

/** PyTorch: {@code use torch} (2.x) or {@code use torch 1.13}. */
public final class TorchFramework implements Framework {

    private final TorchProfile v2 = new TorchProfile(TorchVersion.V2);
    private final TorchProfile v113 = new TorchProfile(TorchVersion.V1_13);

    @Override
    public String id() {
        return "torch";
    }

    @Override
    public List<String> aliases() {
        return List.of("pytorch");
    }

    @Override
    public String displayName() {
        return "PyTorch";
    }

    @Override
    public List<String> versions() {
        return List.of(TorchVersion.V2.label, TorchVersion.V1_13.label);
    }

    @Override
    public Profile profile(List<String> options) {
        if (options.isEmpty()) {
            return v2;
        }
        String version = options.get(0);
        if (options.size() > 1) {
            throw new NotationException("ValueError", "use torch takes one version, e.g. 'use torch 1.13'", null);
        }
        if (version.equals("2") || version.startsWith("2.")) {
            return v2;
        }
        if (version.equals("1.13") || version.startsWith("1.13.")) {
            return v113;
        }
        throw new NotationException("ValueError", "Shapes reproduces PyTorch 2.x and 1.13, not '" + version
                + "'; write 'use torch' or 'use torch 1.13'", null);
    }
}
