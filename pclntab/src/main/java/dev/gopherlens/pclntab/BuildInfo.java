package dev.gopherlens.pclntab;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code go version -m} reports of a binary: the Go version it was built with, its main package and module,
 * the modules it depends on, and its build settings. Immutable and thread-safe.
 *
 * @param goVersion the toolchain's version, such as {@code go1.27.4}
 * @param modInfo   the module information as the linker stored it: tab-separated lines, empty when none
 */
public record BuildInfo(String goVersion, String modInfo) {

    /**
     * Checks the components.
     *
     * @param goVersion the toolchain's version
     * @param modInfo   the module information text
     * @throws NullPointerException if either is null
     */
    public BuildInfo {
        Objects.requireNonNull(goVersion, "goVersion");
        Objects.requireNonNull(modInfo, "modInfo");
    }

    /**
     * A module: its path, version and checksum, and what replaced it.
     *
     * @param path        the module path
     * @param version     its version, {@code (devel)} for the main module of a local build
     * @param sum         its go.sum checksum, empty when none
     * @param replacement the module that replaced it, or null
     */
    public record Module(String path, String version, String sum, Module replacement) {
    }

    /**
     * A build setting, such as {@code GOARCH=amd64} or {@code -trimpath=true}.
     *
     * @param key   the key
     * @param value the value
     */
    public record Setting(String key, String value) {
    }

    /** {@return the Go minor version, 27 for {@code go1.27.4}, or 0 when it cannot be read} */
    public int goMinor() {
        String v = goVersion.startsWith("go1.") ? goVersion.substring(4) : "";
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, Math.min(end, 4)));
    }

    private List<String[]> lines() {
        List<String[]> out = new ArrayList<>();
        for (String line : modInfo.split("\n")) {
            if (!line.isEmpty()) {
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    /** {@return the main package's import path, empty when unknown} */
    public String path() {
        for (String[] f : lines()) {
            if (f[0].equals("path") && f.length > 1) {
                return f[1];
            }
        }
        return "";
    }

    /** {@return the main module, when the binary was built in module mode} */
    public Optional<Module> main() {
        List<Module> mods = modules("mod");
        return mods.isEmpty() ? Optional.empty() : Optional.of(mods.get(0));
    }

    /** {@return the modules the binary depends on, in the order the linker recorded them} */
    public List<Module> dependencies() {
        return modules("dep");
    }

    private List<Module> modules(String kind) {
        List<Module> out = new ArrayList<>();
        List<String[]> ls = lines();
        for (int i = 0; i < ls.size(); i++) {
            String[] f = ls.get(i);
            if (!f[0].equals(kind)) {
                continue;
            }
            Module replacement = null;
            if (i + 1 < ls.size() && ls.get(i + 1)[0].equals("=>")) {
                String[] r = ls.get(i + 1);
                replacement = new Module(at(r, 1), at(r, 2), at(r, 3), null);
            }
            out.add(new Module(at(f, 1), at(f, 2), at(f, 3), replacement));
        }
        return List.copyOf(out);
    }

    private static String at(String[] f, int i) {
        return i < f.length ? f[i] : "";
    }

    /** {@return the build settings, in order} */
    public List<Setting> settings() {
        List<Setting> out = new ArrayList<>();
        for (String[] f : lines()) {
            if (f[0].equals("build") && f.length > 1) {
                String kv = f[1];
                int eq = kv.startsWith("\"") ? kv.indexOf("\"=") + 1 : kv.indexOf('=');
                out.add(eq <= 0 ? new Setting(kv, "") : new Setting(kv.substring(0, eq), kv.substring(eq + 1)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Prints the build info as {@code go version -m FILE} does.
     *
     * @param file the name to print before the Go version
     * @return the text, ending with a newline
     */
    public String format(String file) {
        StringBuilder sb = new StringBuilder(file).append(": ").append(goVersion).append('\n');
        for (String line : modInfo.split("\n", -1)) {
            if (!line.isEmpty()) {
                sb.append('\t').append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@return the Go version and main package} */
    @Override
    public String toString() {
        return goVersion + (path().isEmpty() ? "" : " " + path());
    }
}
