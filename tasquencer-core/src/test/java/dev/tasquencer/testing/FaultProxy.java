package dev.tasquencer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy for fault injection between a JDBC driver and its database server: it forwards bytes
 * both ways, and on command delays them, blackholes the open connections (bytes are read and
 * dropped, nobody is told: a stalled network), or resets them (a dropped connection).
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.to("127.0.0.1", 5432)) {
 *   String url = proxy.jdbcUrl("jdbc:postgresql://127.0.0.1:5432/db?user=u");
 *   ... // connect through url
 *   proxy.blackhole();  // the open connections go silent
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
  private static final Pattern HOST_PORT =
      Pattern.compile("^(jdbc:postgresql://)([^/:?]+)(?::(\\d+))?(.*)$");

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket server;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private volatile long delayMillis;
  private volatile boolean closed;

  private FaultProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread accept = new Thread(this::acceptLoop, "fault-proxy-accept-" + port());
    accept.setDaemon(true);
    accept.start();
  }

  /** A proxy on a free local port forwarding to {@code host:port}. */
  public static FaultProxy to(String host, int port) {
    try {
      return new FaultProxy(host, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A proxy in front of the server of a PostgreSQL JDBC URL. */
  public static FaultProxy forJdbcUrl(String jdbcUrl) {
    Matcher m = matcher(jdbcUrl);
    return to(m.group(2), m.group(3) == null ? 5432 : Integer.parseInt(m.group(3)));
  }

  private static Matcher matcher(String jdbcUrl) {
    Matcher m = HOST_PORT.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/... URL: " + jdbcUrl);
    }
    return m;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code jdbcUrl} (PostgreSQL) with its host and port replaced by this proxy's. */
  public String jdbcUrl(String jdbcUrl) {
    Matcher m = matcher(jdbcUrl);
    return m.group(1) + "127.0.0.1:" + port() + m.group(4);
  }

  /** Every chunk of bytes, either way, is held back this long before it is forwarded. */
  public void delay(long millis) {
    this.delayMillis = millis;
  }

  /**
   * The connections open now stop forwarding: what either side sends is read and dropped, and no
   * side is told. Connections opened later are forwarded normally.
   */
  public void blackhole() {
    links.forEach(l -> l.silent = true);
  }

  /** Resets the connections open now (both sides see the connection fail at once). */
  public void resetAll() {
    links.forEach(Link::reset);
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    links.forEach(Link::reset);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        Link link = new Link(client, upstream);
        links.add(link);
        link.start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("fault proxy: " + e);
        }
      }
    }
  }

  /** One proxied connection: the client's socket and the one to the server. */
  private final class Link {
    private final Socket client;
    private final Socket upstream;
    volatile boolean silent;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void start() throws IOException {
      pump(client.getInputStream(), upstream.getOutputStream(), "up");
      pump(upstream.getInputStream(), client.getOutputStream(), "down");
    }

    private void pump(InputStream in, OutputStream out, String direction) {
      Thread t =
          new Thread(
              () -> {
                byte[] buf = new byte[16 * 1024];
                try {
                  for (int n; (n = in.read(buf)) >= 0; ) {
                    long d = delayMillis;
                    if (d > 0) {
                      Thread.sleep(d);
                    }
                    if (!silent) {
                      out.write(buf, 0, n);
                      out.flush();
                    }
                  }
                } catch (IOException | InterruptedException e) {
                  // a side closed or reset the connection
                }
                if (!silent) {
                  reset();
                }
              },
              "fault-proxy-" + direction + "-" + client.getPort());
      t.setDaemon(true);
      t.start();
    }

    /** Closes both sockets with a reset (SO_LINGER 0), so both peers see it at once. */
    void reset() {
      for (Socket s : new Socket[] {client, upstream}) {
        try {
          s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
          // already closed
        }
        try {
          s.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
  }
}
