package io.hivewire.reader.csv;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Column names taken from a CSV header, made usable: trimmed, a blank name becomes {@code column_N}
 * (its 1-based position), and a repeated name (compared ignoring case, as SQL does) gets a suffix
 * {@code _2}, {@code _3}... Every change is reported as a warning.
 *
 * @param names one unique, non-blank name per header field, in order
 * @param warnings one sentence per name that was changed
 */
public record HeaderNames(List<String> names, List<String> warnings) {

  public HeaderNames {
    names = List.copyOf(Objects.requireNonNull(names, "names is null"));
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings is null"));
  }

  /** Makes the fields of a header row unique and non-blank. */
  public static HeaderNames of(List<String> header) {
    Set<String> taken = new HashSet<>();
    for (String raw : header) {
      taken.add(key(raw.strip()));
    }
    Set<String> used = new HashSet<>();
    List<String> names = new ArrayList<>(header.size());
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).strip();
      int position = i + 1;
      if (name.isEmpty()) {
        name = unused("column_" + position, used, taken);
        warnings.add("column " + position + " has a blank header: it is named " + name);
      } else if (used.contains(key(name))) {
        String renamed = unused(name + "_2", used, taken);
        warnings.add(
            "column "
                + position
                + " repeats the header '"
                + name
                + "': it is named "
                + renamed
                + "; give each column its own header to choose the name");
        name = renamed;
      }
      used.add(key(name));
      names.add(name);
    }
    return new HeaderNames(names, warnings);
  }

  private static String unused(String wanted, Set<String> used, Set<String> taken) {
    String base = wanted.endsWith("_2") ? wanted.substring(0, wanted.length() - 2) : wanted;
    String candidate = wanted;
    for (int n = 3; used.contains(key(candidate)) || taken.contains(key(candidate)); n++) {
      candidate = base + "_" + n;
    }
    return candidate;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
