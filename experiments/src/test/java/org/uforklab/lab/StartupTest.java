package org.uforklab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StartupTest {

    @Test
    void theScriptIsImportsAndComments() {
        for (String line : Startup.script().lines().toList()) {
            String l = line.strip();
            assertThat(l.isEmpty() || l.startsWith("//") || l.startsWith("import ")).as(line).isTrue();
        }
        assertThat(Startup.imports()).contains("import org.uforklab.lab.*;", "import org.uforklab.machine.cap.*;");
    }

    @Test
    void everyImportedPackageExists() {
        for (String pkg : Startup.importedPackages()) {
            assertThat(getClass().getClassLoader().getResource(pkg.replace('.', '/') + "/package-info.class"))
                    .as("package %s of the startup script", pkg).isNotNull();
        }
    }

    /** Keeps the script in step with the library: a new public machine package must be imported. */
    @Test
    void everyMachinePackageIsImported() throws IOException {
        Path root = Path.of("..", "machine", "src", "main", "java", "org", "uforklab", "machine");
        List<String> packages;
        try (Stream<Path> s = Files.walk(root)) {
            packages = s.filter(p -> p.getFileName().toString().equals("package-info.java"))
                    .map(p -> "org.uforklab.machine" + root.relativize(p.getParent()).toString()
                            .replace('/', '.').replaceFirst("^(?=.)", "."))
                    .toList();
        }
        assertThat(packages).contains("org.uforklab.machine", "org.uforklab.machine.cap");
        assertThat(Startup.importedPackages()).containsAll(packages);
    }
}
