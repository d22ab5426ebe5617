package io.hivewire.routing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An HTTP proxy on the loopback interface in front of an S3 endpoint that fails a share of requests
 * the way S3 and networks do: 503 SlowDown, 500 InternalError, or a reset connection. It can also
 * deny every request (403 AccessDenied) or hang every one (read the request, never answer) as an
 * endpoint in trouble does. Requests pass byte for byte, so SigV4 signatures hold.
 */
public final class FaultInjectingProxy implements AutoCloseable {

  /** What the proxy does to a request. */
  public enum Fault {
    NONE,
    SLOW_DOWN,
    INTERNAL_ERROR,
    RESET,
    ACCESS_DENIED,
    /** Reads the request and answers nothing until another fault is forced, then hangs up. */
    STALL
  }

  private final URI upstream;
  private final ServerSocket server;
  private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
  private final SplittableRandom random;
  private final AtomicInteger faults = new AtomicInteger();
  private final AtomicInteger stalled = new AtomicInteger();
  private final ReentrantLock stallLock = new ReentrantLock();
  private final Condition stallEnds = stallLock.newCondition();
  private volatile double failureShare;
  private volatile Fault forced = Fault.NONE;

  public FaultInjectingProxy(URI upstream, double failureShare, long seed) throws IOException {
    this.upstream = upstream;
    this.failureShare = failureShare;
    this.random = new SplittableRandom(seed);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("fault-proxy").start(this::acceptLoop);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Fails every request with {@code fault} ({@link Fault#NONE} returns to random failures). */
  public void forceAll(Fault fault) {
    forced = fault;
    wakeStalled();
  }

  /** Requests held unanswered now. */
  public int stalledRequests() {
    return stalled.get();
  }

  private void wakeStalled() {
    stallLock.lock();
    try {
      stallEnds.signalAll();
    } finally {
      stallLock.unlock();
    }
  }

  void failureShare(double share) {
    failureShare = share;
  }

  public int faultsInjected() {
    return faults.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.execute(() -> handle(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private Fault choose() {
    if (forced != Fault.NONE) {
      return forced;
    }
    synchronized (random) {
      if (random.nextDouble() >= failureShare) {
        return Fault.NONE;
      }
      return switch (random.nextInt(3)) {
        case 0 -> Fault.SLOW_DOWN;
        case 1 -> Fault.INTERNAL_ERROR;
        default -> Fault.RESET;
      };
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      String head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      Fault fault = choose();
      if (fault != Fault.NONE) {
        faults.incrementAndGet();
      }
      switch (fault) {
        case NONE -> forward(head, in, client);
        case RESET -> {
          client.setSoLinger(true, 0);
        }
        case SLOW_DOWN ->
            answer(client, 503, "Slow Down", "SlowDown", "Please reduce your request rate.");
        case INTERNAL_ERROR ->
            answer(
                client,
                500,
                "Internal Server Error",
                "InternalError",
                "We encountered an internal error. Please try again.");
        case ACCESS_DENIED -> answer(client, 403, "Forbidden", "AccessDenied", "Access Denied");
        case STALL -> stall(head, in);
      }
    } catch (IOException e) {
      // the client or the endpoint went away: the client sees a failed request and retries
    }
  }

  private void stall(String head, InputStream clientIn) throws IOException {
    copy(clientIn, OutputStream.nullOutputStream(), contentLength(head));
    stalled.incrementAndGet();
    stallLock.lock();
    try {
      while (forced == Fault.STALL && !server.isClosed()) {
        stallEnds.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stallLock.unlock();
      stalled.decrementAndGet();
    }
  }

  private void forward(String head, InputStream clientIn, Socket client) throws IOException {
    long length = contentLength(head);
    try (Socket target = new Socket(upstream.getHost(), upstream.getPort())) {
      OutputStream up = target.getOutputStream();
      up.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
      up.flush();
      var body =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      copy(clientIn, up, length);
                      up.flush();
                    } catch (IOException e) {
                      // the response side notices the broken exchange
                    }
                  });
      target.getInputStream().transferTo(client.getOutputStream());
      client.getOutputStream().flush();
      body.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return;
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void answer(Socket client, int status, String text, String code, String message)
      throws IOException {
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message><RequestId>fault</RequestId></Error>";
    String response =
        "HTTP/1.1 "
            + status
            + " "
            + text
            + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n"
            + body;
    client.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
    client.getOutputStream().flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched =
          (b == '\r' && (matched == 0 || matched == 2))
                  || (b == '\n' && (matched == 1 || matched == 3))
              ? matched + 1
              : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return 0;
  }

  private static String withConnectionClose(String head) {
    StringBuilder out = new StringBuilder();
    for (String line : head.split("\r\n")) {
      if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
        out.append(line).append("\r\n");
      }
    }
    return out.append("Connection: close\r\n\r\n").toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
    wakeStalled();
    connections.shutdownNow();
  }
}
