package onpre.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The function's class loader, with Lambda's classpath: the task root, its lib/*.jar and the
 * layers' /opt/java/lib/*.jar (plus jars at the task root, for a CodeUri that is the jar itself).
 * Its parent is the JDK's platform loader, so the function never sees the runtime's own Jackson. Our
 * bridge (the Context implementation) always comes last; our aws-lambda-java-core interfaces only
 * when the function does not bundle the library.
 */
final class UserClassPath {
  static final String CONTEXT_CLASS = "com/amazonaws/services/lambda/runtime/Context.class";

  final List<File> entries;
  final ClassLoader loader;
  final boolean bundledCore;

  UserClassPath(File taskRoot, File optJava, File runtimeUser) throws MalformedURLException {
    entries = new ArrayList<>();
    entries.add(taskRoot);
    entries.addAll(jars(taskRoot));
    entries.addAll(jars(new File(taskRoot, "lib")));
    entries.addAll(jars(new File(optJava, "lib")));
    List<URL> urls = new ArrayList<>();
    for (File entry : entries) urls.add(entry.toURI().toURL());
    try (URLClassLoader probe = new URLClassLoader(urls.toArray(new URL[0]), null)) {
      bundledCore = probe.findResource(CONTEXT_CLASS) != null;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    urls.add(new File(runtimeUser, "onpre-lambda-bridge.jar").toURI().toURL());
    if (!bundledCore) urls.add(new File(runtimeUser, "aws-lambda-java-core.jar").toURI().toURL());
    loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  private static List<File> jars(File dir) {
    File[] found = dir.listFiles((parent, name) -> name.endsWith(".jar"));
    if (found == null) return List.of();
    Arrays.sort(found);
    return Arrays.asList(found);
  }

  /** Why a class could not be found, when a jar on the classpath is not a jar (else null). */
  String brokenJar() {
    for (File entry : entries) {
      if (!entry.isFile()) continue;
      try (JarFile jar = new JarFile(entry)) {
        jar.size();
      } catch (IOException e) {
        return entry + " is not a valid jar: " + e.getMessage();
      }
    }
    return null;
  }
}
