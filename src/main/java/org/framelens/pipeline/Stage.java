package org.framelens.pipeline;

import java.util.Set;

/**
 * One step of the pipeline. Like a CoreNLP annotator it declares the tables it requires and provides, and the
 * {@link Pipeline} refuses to start when a requirement is neither produced earlier in the run nor already in the
 * output folder.
 */
public interface Stage {
  String name();

  Set<String> requires(Settings settings);

  Set<String> provides(Settings settings);

  void run(RunContext context) throws Exception;
}
