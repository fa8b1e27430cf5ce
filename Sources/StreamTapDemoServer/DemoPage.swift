/// The page served at `/`: the route list and a browser-side WebSocket
/// client and EventSource, so a class can compare what a browser does
/// with what streamtap shows. Self-contained: no external resources, and
/// everything received is shown as text, never as HTML.
enum DemoPage {
    static let html: String = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>streamtap demo server</title>
        <style>
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
        code, pre, input { font-family: ui-monospace, monospace; }
        table { border-collapse: collapse; margin-bottom: 1.5em; }
        td, th { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; }
        .panes { display: flex; gap: 1.5em; flex-wrap: wrap; }
        .pane { flex: 1 1 28em; }
        .pane input[type=text] { width: 100%; box-sizing: border-box; }
        pre { background: #f4f4f4; height: 22em; overflow: auto; padding: 6px; white-space: pre-wrap; }
        </style>
        </head>
        <body>
        <h1>streamtap demo server</h1>
        <p>WebSocket and Server-Sent Events routes that make the differences visible.
        Try them here, in a browser, and with <code>streamtap</code>, <code>curl -N</code> or <code>websocat</code>.</p>
        <table>
        <tr><th>protocol</th><th>method</th><th>route</th><th>what it does</th></tr>
        \(rows)
        </table>
        <div class="panes">
        <div class="pane">
        <h2>WebSocket</h2>
        <input type="text" id="ws-url" value="/ws/echo">
        <p><button id="ws-open">connect</button> <button id="ws-close">close</button></p>
        <input type="text" id="ws-text" value="hello"> <button id="ws-send">send text</button>
        <pre id="ws-log"></pre>
        </div>
        <div class="pane">
        <h2>EventSource</h2>
        <input type="text" id="sse-url" value="/sse/ticker">
        <p><button id="sse-open">connect</button> <button id="sse-close">close</button></p>
        <input type="text" id="sse-text" value="hello"> <button id="sse-post">POST /sse/chat</button>
        <pre id="sse-log"></pre>
        </div>
        </div>
        <script>
        "use strict";
        const $ = (id) => document.getElementById(id);
        function logger(id) {
          return (line) => {
            const pre = $(id);
            pre.textContent += new Date().toISOString().slice(11, 23) + "  " + line + "\\n";
            pre.scrollTop = pre.scrollHeight;
          };
        }
        const wsLog = logger("ws-log"), sseLog = logger("sse-log");
        let socket = null, source = null;
        $("ws-open").onclick = () => {
          if (socket) socket.close();
          const url = new URL($("ws-url").value, location.href);
          url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
          wsLog("connecting " + url);
          socket = new WebSocket(url);
          socket.binaryType = "arraybuffer";
          socket.onopen = () => wsLog("open, extensions: " + (socket.extensions || "none"));
          socket.onmessage = (e) => wsLog(typeof e.data === "string"
            ? "text: " + e.data : "binary: " + e.data.byteLength + " bytes");
          socket.onerror = () => wsLog("error (the browser gives no detail)");
          socket.onclose = (e) => wsLog("close " + e.code + (e.reason ? " " + JSON.stringify(e.reason) : "")
            + (e.wasClean ? "" : " (not clean: no close frame)"));
        };
        $("ws-close").onclick = () => socket && socket.close(1000, "bye");
        $("ws-send").onclick = () => socket && socket.send($("ws-text").value);
        $("sse-open").onclick = () => {
          if (source) source.close();
          const url = new URL($("sse-url").value, location.href);
          sseLog("connecting " + url);
          source = new EventSource(url);
          source.onopen = () => sseLog("open");
          source.onerror = () => sseLog(source.readyState === EventSource.CLOSED
            ? "closed: the browser will not reconnect" : "error: the browser will reconnect");
          for (const type of ["message", "greeting", "update"]) {
            source.addEventListener(type, (e) => sseLog(type + " id=" + JSON.stringify(e.lastEventId)
              + " data=" + JSON.stringify(e.data)));
          }
        };
        $("sse-close").onclick = () => { if (source) { source.close(); sseLog("closed by the page"); } };
        $("sse-post").onclick = () => fetch("/sse/chat", { method: "POST", body: $("sse-text").value })
          .then((r) => sseLog("POST /sse/chat: " + r.status));
        </script>
        </body>
        </html>

        """

    private static var rows: String {
        DemoRouteInfo.all.map { route in
            "<tr><td>\(route.kind.rawValue)</td><td>\(route.method)</td><td><code>\(escaped(route.path))</code></td>"
                + "<td>\(escaped(route.summary))</td></tr>"
        }.joined(separator: "\n")
    }

    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
