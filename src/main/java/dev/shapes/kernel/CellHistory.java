package dev.shapes.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The inputs (and text outputs) of this kernel session, for
 * {@code history_request}. Only the current session is kept, in memory; the
 * stock kernel sends no reply at all without a history manager, so a
 * client would wait for its time-out.
 */
final class CellHistory implements HistoryManager {

    /** Entries older than this are dropped so a long-lived kernel stays small. */
    static final int LIMIT = 10_000;

    private record Cell(int number, String input, String output) {}

    private final List<Cell> cells = new ArrayList<>();

    synchronized void add(int number, String input, String output) {
        cells.add(new Cell(number, input, output));
        if (cells.size() > LIMIT) {
            cells.subList(0, cells.size() - LIMIT).clear();
        }
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int sessionOffset, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        if (sessionOffset != 0) {
            return out; // earlier sessions are not kept
        }
        for (Cell cell : cells) {
            if (cell.number >= start && (stop <= 0 || cell.number < stop)) {
                out.add(entry(cell, flags));
            }
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        for (Cell cell : cells.subList(Math.max(0, cells.size() - Math.max(0, length)), cells.size())) {
            out.add(entry(cell, flags));
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern pattern = globPattern(glob == null || glob.isEmpty() ? "*" : glob);
        Map<String, Cell> matches = new LinkedHashMap<>();
        int counter = 0;
        for (Cell cell : cells) {
            if (pattern.matcher(cell.input).matches()) {
                // with UNIQUE, a later run of the same input replaces the earlier one
                String key = flags.contains(ResultFlag.UNIQUE) ? cell.input : Integer.toString(counter++);
                matches.remove(key);
                matches.put(key, cell);
            }
        }
        List<Cell> found = new ArrayList<>(matches.values());
        int from = length > 0 ? Math.max(0, found.size() - length) : 0;
        List<HistoryEntry> out = new ArrayList<>();
        for (Cell cell : found.subList(from, found.size())) {
            out.add(entry(cell, flags));
        }
        return out;
    }

    private static HistoryEntry entry(Cell cell, Set<ResultFlag> flags) {
        return new HistoryEntry(0, cell.number, cell.input, flags.contains(ResultFlag.INCLUDE_OUTPUT) ? cell.output : null);
    }

    /** An sqlite glob ({@code *}, {@code ?}, {@code [a-z]}, {@code [^...]}) as a regular expression. */
    static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 1) > i + 1) {
                int close = glob.indexOf(']', i + 1);
                String set = glob.substring(i + 1, close);
                boolean negated = set.startsWith("^");
                regex.append('[').append(negated ? "^" : "")
                        .append((negated ? set.substring(1) : set).replace("\\", "\\\\").replace("[", "\\["))
                        .append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
