package io.hivewire.importer;

import java.util.List;

/** An import definition that breaks one or more rules; each problem names the rule it breaks. */
public final class InvalidImportException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidImportException(List<String> problems) {
    super(String.join("; ", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid import has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every rule broken, one message each. */
  public List<String> problems() {
    return problems;
  }
}
