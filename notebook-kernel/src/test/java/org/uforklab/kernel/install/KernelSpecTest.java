package org.uforklab.kernel.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecTest {

    @TempDir
    Path dir;

    @Test
    void kernelJsonHasAbsoluteJavaMessageInterruptAndConnectionFile() throws Exception {
        Path java = JavaLocator.locate(null);
        assertThat(java).isAbsolute();
        Map<String, Object> json = KernelSpec.kernelJson(java);
        @SuppressWarnings("unchecked")
        List<String> argv = (List<String>) json.get("argv");
        assertThat(argv.get(0)).isEqualTo(java.toString());
        assertThat(argv).contains("-cp", "{resource_dir}/lib/*", KernelSpec.MAIN_CLASS);
        assertThat(argv.get(argv.size() - 1)).isEqualTo("{connection_file}");
        assertThat(json).containsEntry("interrupt_mode", "message").containsEntry("language", "java")
                .containsEntry("display_name", "uforklab (Java)");
    }

    @Test
    void writeCreatesAFullSpecDirectory() throws Exception {
        Path jar = dir.resolve("a.jar");
        Files.write(jar, new byte[] {1});
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("x"));
        Files.writeString(classes.resolve("x/Y.class"), "not really");
        Path spec = dir.resolve("spec");
        KernelSpec.write(spec, JavaLocator.locate(null), List.of(jar, classes));
        JsonObject json = JsonParser.parseString(Files.readString(spec.resolve("kernel.json"))).getAsJsonObject();
        assertThat(json.get("interrupt_mode").getAsString()).isEqualTo("message");
        assertThat(ImageIO.read(spec.resolve("logo-32x32.png").toFile()).getWidth()).isEqualTo(32);
        assertThat(ImageIO.read(spec.resolve("logo-64x64.png").toFile()).getHeight()).isEqualTo(64);
        assertThat(spec.resolve("lib/a.jar")).exists();
        try (var jf = new java.util.jar.JarFile(spec.resolve("lib/classes-0.jar").toFile())) {
            assertThat(jf.getEntry("x/Y.class")).isNotNull();
        }
        KernelSpec.write(spec, JavaLocator.locate(null), List.of(jar)); // replaces the old one
        assertThat(spec.resolve("lib/classes-0.jar")).doesNotExist();
    }

    @Test
    void installerPathsFollowJupyter() {
        KernelInstaller i = new KernelInstaller(Map.of("HOME", "/home/u", "PATH", ""));
        assertThat(i.kernelsDir(KernelInstaller.Scope.PREFIX, Path.of("/opt/env")))
                .isEqualTo(Path.of("/opt/env/share/jupyter/kernels"));
        assertThat(new KernelInstaller(Map.of("JUPYTER_DATA_DIR", "/d")).kernelsDir(KernelInstaller.Scope.USER, null))
                .isEqualTo(Path.of("/d/kernels"));
        if (!System.getProperty("os.name").toLowerCase().contains("mac")) {
            assertThat(i.kernelsDir(KernelInstaller.Scope.USER, null))
                    .isEqualTo(Path.of("/home/u/.local/share/jupyter/kernels"));
            assertThat(new KernelInstaller(Map.of("HOME", "/h", "XDG_DATA_HOME", "/x")).kernelsDir(KernelInstaller.Scope.USER, null))
                    .isEqualTo(Path.of("/x/jupyter/kernels"));
        }
    }

    @Test
    void installWithPrefixWritesTheSpec() throws Exception {
        Path installed = new KernelInstaller(Map.of("HOME", dir.toString())).install(KernelInstaller.Scope.PREFIX,
                dir.resolve("env"), "uforklab", JavaLocator.locate(null), List.of());
        assertThat(installed).isEqualTo(dir.resolve("env/share/jupyter/kernels/uforklab"));
        assertThat(installed.resolve("kernel.json")).exists();
    }

    @Test
    void commandLineInstallAndErrors() {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        int rc = KernelCommand.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                "install", "--prefix", dir.resolve("p").toString());
        assertThat(rc).isZero();
        assertThat(out.toString()).contains("installed kernel 'uforklab'").contains("java: /");
        rc = KernelCommand.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                "install", "--java", dir.resolve("nope").toString(), "--prefix", dir.toString());
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).contains("not an executable java");
        assertThat(KernelCommand.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                "install", "--user", "--sys-prefix")).isEqualTo(2);
    }

    @Test
    void javaLocatorRejectsNonJdks() {
        assertThatThrownBy(() -> JavaLocator.locate(dir)).hasMessageContaining("not an executable java");
    }
}
