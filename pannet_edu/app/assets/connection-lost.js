/* pannet-edu (put first in the dashboard page's head by pannet_edu.app.server, before any script): when the page
   loses its session on the server (the session was closed, or the server stopped), the tools can
   no longer answer, and a result left on the page would sit beside new input it does not follow.
   Say so plainly, and clear the page's results. The page's own connection is watched through the
   browser's WebSocket. */
(function () {
  var NativeSocket = window.WebSocket;
  if (!NativeSocket) { return; }
  var leaving = false, lost = false, sockets = 0, openSockets = 0;
  var GONE = /"execution_state"\s*:\s*"(restarting|dead)"/;
  window.addEventListener('pagehide', function () { leaving = true; });
  window.addEventListener('beforeunload', function () { leaving = true; });

  function connectionLost() {
    if (lost || leaving) { return; }
    lost = true;
    var notice = document.createElement('div');
    notice.id = 'pannet-connection-lost';
    notice.setAttribute('role', 'alert');
    notice.style.cssText = 'margin:2em auto;max-width:40em;padding:1em 1.2em;border:3px solid #b30000;' +
      'background:#fff4f4;color:#222222;font:16px/1.5 sans-serif';
    notice.innerHTML = '<p style="margin:0 0 .6em"><strong>Connection lost: reload the page.</strong></p>' +
      '<p style="margin:0 0 .8em">The tools stopped answering (the connection to the server was ' +
      'lost), so the results shown were cleared. Reloading starts the tools again.</p>';
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Reload the page';
    button.style.cssText = 'font-size:16px;padding:.3em 1em';
    button.addEventListener('click', function () { window.location.reload(); });
    notice.appendChild(button);
    /* Every result goes: the page keeps only the notice. */
    while (document.body.firstChild) { document.body.removeChild(document.body.firstChild); }
    document.body.appendChild(notice);
    document.title = 'Connection lost: reload - ' + document.title;
  }

  function watchMessage(data) {
    if (typeof data === 'string') {
      if (GONE.test(data)) { connectionLost(); }
    } else if (data instanceof ArrayBuffer) {
      if (GONE.test(new TextDecoder('utf-8', { fatal: false }).decode(data))) { connectionLost(); }
    } else if (data && typeof data.text === 'function') {
      data.text().then(function (text) { if (GONE.test(text)) { connectionLost(); } });
    }
  }

  function WatchedSocket(url, protocols) {
    var socket = protocols === undefined ? new NativeSocket(url) : new NativeSocket(url, protocols);
    if (/\/api\/kernels\/[^/?]+/.test(String(url))) {
      sockets += 1;
      socket.addEventListener('open', function () { openSockets += 1; });
      socket.addEventListener('message', function (event) { watchMessage(event.data); });
      socket.addEventListener('close', function () {
        openSockets = Math.max(0, openSockets - 1);
        var seen = sockets;
        /* A reconnect that works opens a new socket within seconds; none: the kernel is gone. */
        setTimeout(function () { if (openSockets === 0 || sockets === seen) { connectionLost(); } }, 4000);
      });
    }
    return socket;
  }
  WatchedSocket.prototype = NativeSocket.prototype;
  ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (name) {
    WatchedSocket[name] = NativeSocket[name];
  });
  window.WebSocket = WatchedSocket;
})();
