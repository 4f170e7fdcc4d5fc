// uforklab: the startup script of `uforklab repl` and of the notebook kernel (org.uforklab.lab.Startup).
// Imports only, so the prompt comes up fast; start with  var lab = Lab.morello();
// Keep it in step with the library: every public package of the machine is imported here.
import org.uforklab.lab.*;
import org.uforklab.lab.display.*;
import org.uforklab.experiments.*;
import org.uforklab.machine.*;
import org.uforklab.machine.access.*;
import org.uforklab.machine.asm.*;
import org.uforklab.machine.cap.*;
import org.uforklab.machine.cpu.*;
import org.uforklab.machine.fault.*;
import org.uforklab.machine.isa.*;
import org.uforklab.machine.mem.*;
import org.uforklab.machine.mmu.*;
import org.uforklab.machine.stats.*;
import org.uforklab.machine.time.*;
import org.uforklab.sasos.*;
import org.uforklab.sasos.image.*;
import org.uforklab.sasos.proc.*;
import org.uforklab.experiments.guests.*;
// μFork by single-type imports: org.uforklab.ufork.Region would clash with org.uforklab.lab.Region.
import org.uforklab.ufork.CopyCause;
import org.uforklab.ufork.ForkCosts;
import org.uforklab.ufork.ForkService;
import org.uforklab.ufork.ForkStats;
import org.uforklab.ufork.ForkStrategy;
import org.uforklab.ufork.IsolationChecker;
import org.uforklab.ufork.SharingTable;
import org.uforklab.ufork.UFork;
import org.uforklab.ufork.UForkConfig;
import org.uforklab.ufork.baseline.MonolithicFork;
