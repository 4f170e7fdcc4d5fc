// The kernel's own imports, run before the startup script shared with `uforklab repl` (org.uforklab.lab.Startup).
// Single-type imports for the display types, so that they never clash with the library's on-demand imports.
import java.io.*;
import java.math.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;
import java.util.regex.*;
import java.util.stream.*;
import org.uforklab.kernel.display.Html;
import org.uforklab.kernel.display.HtmlTable;
import org.uforklab.kernel.display.Markdown;
import org.uforklab.kernel.display.MimeBundle;
import org.uforklab.kernel.display.Progress;
import static org.uforklab.kernel.Notebook.*;
