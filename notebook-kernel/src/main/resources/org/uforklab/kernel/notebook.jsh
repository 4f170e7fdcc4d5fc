// Imports every uforklab notebook starts with (run before the shared uforklab startup script).
import java.io.*;
import java.math.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;
import java.util.regex.*;
import java.util.stream.*;
import org.uforklab.kernel.display.*;
import static org.uforklab.kernel.Notebook.*;
