package dev.shapes.kernel;

import dev.shapes.notebook.CellOutput;
import dev.shapes.notebook.CellRun;
import dev.shapes.notebook.CellRunner;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

/**
 * The Shapes Jupyter kernel: every cell is Shapes notation (a leading
 * {@code %%shapes framework} line picks the framework for that cell), names
 * carry over between cells, and each cell answers with one mime bundle.
 * A cell whose statements draw framework errors has run successfully (the
 * explanation is its output); a failure of the notation itself (syntax,
 * unknown name, unusable magic, interruption) is an error reply with a
 * clean traceback of the cell's lines.
 */
public final class ShapesKernel extends BaseKernel {

    public static final String VERSION = "0.1.0";
    public static final String LANGUAGE = "shapes";

    private static final Logger LOG = Logger.getLogger(ShapesKernel.class.getName());
    /** A cell that touches the parser, a framework call, an error and every renderer (to warm the JIT). */
    private static final String WARM_UP_CELL = """
            %%shapes torch
            logits: f32[32, 10]
            labels: i64[32, 1]
            loss = F.cross_entropy(logits, labels)
            loss = F.cross_entropy(logits, labels.squeeze(1))
            x = torch.ones(4, 3) @ torch.ones(3, 2)
            """;

    private final Evaluator evaluator = new Evaluator();
    private final CellHistory history;
    private CellRunner runner;

    public ShapesKernel() {
        this(new CellHistory());
    }

    private ShapesKernel(CellHistory history) {
        super("Shapes", VERSION, languageInfo(), List.of(new HelpLink("PyTorch", "https://pytorch.org/docs/stable/")),
                history, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null,
                new MagicsRegistry(), true, new StringStyler.Builder().build());
        this.history = history;
    }

    static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder(LANGUAGE).version(VERSION).mimetype("text/x-shapes").fileExtension(".shapes")
                .pygments("python").codemirror("python").build();
    }

    /** The cell runner of this kernel's session (made on first use, which is off the startup path). */
    public synchronized CellRunner runner() {
        if (runner == null) {
            runner = new CellRunner();
        }
        return runner;
    }

    /** Whether this kernel is the running notebook kernel (between onStartup and onShutdown). */
    public boolean isStarted() {
        return notebookKernel == this;
    }

    @Override
    public String getBanner() {
        return "Shapes " + VERSION + ": what PyTorch, NumPy, Keras and TensorFlow do with your tensors' shapes";
    }

    /** Loads the interpreter and compiles its hot paths in the background, so the first cell is quick. */
    public void warmUp() {
        evaluator.submit(() -> {
            runner();
            CellRunner scratch = new CellRunner();
            for (int i = 0; i < 20 && !Thread.currentThread().isInterrupted(); i++) {
                MimeBundle.of(scratch.run(WARM_UP_CELL, "warm-up"));
            }
        });
    }

    @Override
    public Object evalRaw(String source) {
        return MimeBundle.of(runner().run(source, "In [" + executionCount.get() + "]"));
    }

    @Override
    protected void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        boolean store = request.shouldStoreHistory() && !silent;
        int count = store ? executionCount.getAndIncrement() : executionCount.get();
        String label = "In [" + count + "]";
        String code = request.getCode() == null ? "" : request.getCode();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(code, count));
        Optional<CellError> error;
        try {
            CellRun run = evaluator.call(() -> runner().run(code, label));
            DisplayData bundle = MimeBundle.of(run);
            if (store) {
                history.add(count, code, CellOutput.text(run));
            }
            if (!silent && (!run.result().statements().isEmpty() || !run.magics().isEmpty())) {
                env.publish(new PublishExecuteResult(count, bundle));
            }
            error = CellError.of(run, "In[" + count + "]");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            LOG.log(Level.SEVERE, "running cell " + label + " failed", e);
            error = Optional.of(CellError.internal(e));
        }
        if (error.isEmpty()) {
            env.defer().reply(new ExecuteReply(count, Map.of()));
            return;
        }
        CellError e = error.get();
        env.publish(new PublishError(e.ename(), e.evalue(), e.traceback()));
        ErrorReply reply = new ErrorReply(e.ename(), e.evalue(), e.traceback());
        reply.setExecutionCount(count);
        env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new Replies.KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(),
                getHelpLinks()));
    }

    /** Always answers (the stock handler is silent without a history manager and writes unreadable entries). */
    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest request = message.getContent();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries;
        if (request instanceof HistoryRequest.Range range) {
            entries = history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
        } else if (request instanceof HistoryRequest.Search search) {
            if (search.filterUnique()) {
                flags.add(HistoryManager.ResultFlag.UNIQUE);
            }
            entries = history.search(search.getPattern(), search.getMaxReturnLength(), flags);
        } else {
            entries = history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
        }
        env.reply(new Replies.History(entries));
    }

    @Override
    protected void handleInterruptRequest(ShellReplyEnvironment env, Message<InterruptRequest> message) {
        env.setBusyDeferIdle();
        interrupt();
        env.reply(new Replies.Interrupt());
    }

    @Override
    protected void handleShutdownRequest(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
        boolean restart = message.getContent().isRestart();
        env.setBusyDeferIdle();
        onShutdown(restart);
        env.reply(new Replies.Shutdown(restart));
        env.markForShutdown();
    }

    @Override
    public ReplacementOptions complete(String code, int cursorCodePoints) {
        int at = CodePoints.toIndex(code, cursorCodePoints);
        try {
            CodeAssist.Completion c = new CodeAssist(runner()).complete(code, at);
            return new ReplacementOptions(c.matches(), CodePoints.fromIndex(code, c.start()),
                    CodePoints.fromIndex(code, c.end()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "completion failed", e);
            return new ReplacementOptions(List.of(), cursorCodePoints, cursorCodePoints);
        }
    }

    @Override
    public DisplayData inspect(String code, int cursorCodePoints, boolean extraDetail) {
        try {
            Optional<CodeAssist.Inspection> found = new CodeAssist(runner())
                    .inspect(code, CodePoints.toIndex(code, cursorCodePoints));
            if (found.isEmpty()) {
                return null;
            }
            DisplayData data = new DisplayData();
            data.putData("text/plain", found.get().text());
            data.putData("text/html", found.get().html());
            return data;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "inspection failed", e);
            return null;
        }
    }

    @Override
    public String isComplete(String code) {
        try {
            return Completeness.of(code == null ? "" : code);
        } catch (RuntimeException e) {
            return IS_COMPLETE_MAYBE;
        }
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        evaluator.shutdown();
        super.onShutdown(isRestarting);
    }

    /** Errors of the protocol handlers themselves: one clean line, never Java frames or colour codes. */
    @Override
    public List<String> formatError(Throwable e) {
        return CellError.internal(e).traceback();
    }
}
