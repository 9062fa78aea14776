// Node's http2 server for the H2SharpHandler tests: node node_h2_server.js PORT
// Prints "listening" once it accepts connections, and exits after 60 s in any case.
//   GET  /hello              "hello from node"
//   GET  /hold/N             answers after 300 ms "session S stream ID". On session 1, when the
//                            stream with id N arrives the server sends GOAWAY(NO_ERROR, last=N)
//                            and never answers the streams above N (the client must retry them).
//   GET  /big-headers        a response whose header block is 1 MiB (x-big: 1 MiB of 'a')
//   POST /stop-reading       never reads the body; answers "stopped" after 300 ms
const http2 = require('http2');
const port = Number(process.argv[2]);
let sessions = 0;
const server = http2.createServer({ maxSendHeaderBlockLength: 4 * 1024 * 1024 });
server.on('stream', (stream, headers) => {
  const path = headers[':path'];
  const session = stream.session;
  stream.on('error', () => {}); // node refuses streams above our GOAWAY's last id with an 'error'
  if (session.number === undefined) {
    // Numbered at their first stream: the test's "is it listening" probe is no session.
    session.number = ++sessions;
    session.goawayLast = Infinity;
  }
  if (path === '/hello') {
    stream.respond({ ':status': 200, 'content-type': 'text/plain' });
    stream.end('hello from node');
  } else if (path.startsWith('/hold/')) {
    const n = Number(path.slice(6));
    if (stream.id > session.goawayLast) {
      return; // after our GOAWAY: not processed, never answered
    }
    if (session.number === 1 && stream.id === n) {
      session.goawayLast = n;
      session.goaway(http2.constants.NGHTTP2_NO_ERROR, n);
    }
    setTimeout(() => {
      if (stream.destroyed) return;
      stream.respond({ ':status': 200 });
      stream.end(`session ${session.number} stream ${stream.id}`);
    }, 300);
  } else if (path === '/big-headers') {
    try {
      stream.respond({ ':status': 200, 'x-big': 'a'.repeat(1024 * 1024) });
      stream.end('should not be seen');
    } catch (e) {
      console.error('big headers: ' + e.message);
    }
  } else if (path === '/stop-reading') {
    stream.pause();
    setTimeout(() => {
      if (stream.destroyed) return;
      stream.respond({ ':status': 200 });
      stream.end('stopped');
    }, 300);
  } else {
    stream.respond({ ':status': 404 });
    stream.end();
  }
});
server.on('sessionError', (e) => console.error('sessionError: ' + e.message));
server.on('session', (session) => {
  session.on('frameError', (type, code, id) => console.error(`frameError type ${type} code ${code} stream ${id}`));
  session.on('error', (e) => console.error('session error: ' + e.message));
  session.on('close', () => console.error('session closed'));
});
server.listen(port, '127.0.0.1', () => console.log('listening'));
setTimeout(() => process.exit(0), 60000).unref();
