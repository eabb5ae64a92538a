package org.framelens.output;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code crashing://}, whose renames start failing once a budget is spent:
 * the state it leaves is the state a driver killed after that many renames leaves.
 */
public class CrashingFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "crashing";
  static volatile int renamesLeft = Integer.MAX_VALUE;

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    if (renamesLeft-- <= 0) {
      throw new IOException("simulated crash before renaming " + src);
    }
    return super.rename(src, dst);
  }
}
