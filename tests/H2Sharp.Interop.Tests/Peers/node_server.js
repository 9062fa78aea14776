// Node's http2 server (cleartext, prior knowledge) for H2Sharp's client tests. Prints "listening PORT".
//   /early     103 Early Hints (stream.additionalHeaders), then 200 with a body
//   /trailers  200, body, then trailers (waitForTrailers)
//   /push      pushes /pushed.txt first when the client allows push, then 200
//   /bytes/N   N bytes, byte i = i % 251
//   /goaway    200, then the session closes (GOAWAY NO_ERROR)
//   anything else 404
// usage: node node_server.js
'use strict';
const http2 = require('http2');

const server = http2.createServer();
server.on('stream', (stream, headers) => {
  const path = headers[':path'];
  stream.on('error', () => {});
  if (path === '/early') {
    stream.additionalHeaders({ ':status': 103, link: '</style.css>; rel=preload; as=style' });
    stream.respond({ ':status': 200, 'content-type': 'text/plain' });
    stream.end('after early hints\n');
  } else if (path === '/trailers') {
    stream.respond({ ':status': 200 }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'x-sum': '42', 'x-note': 'done' }));
    stream.end('body then trailers\n');
  } else if (path === '/push') {
    if (stream.pushAllowed) {
      stream.pushStream({ ':path': '/pushed.txt' }, (err, push) => {
        if (err) { stream.respond({ ':status': 500 }); stream.end(); return; }
        push.respond({ ':status': 200, 'content-type': 'text/plain' });
        push.end('pushed body\n');
        stream.respond({ ':status': 200 });
        stream.end('parent body\n');
      });
    } else {
      stream.respond({ ':status': 200, 'x-push': 'not allowed' });
      stream.end('parent body\n');
    }
  } else if (path.startsWith('/bytes/')) {
    const n = parseInt(path.substring(7), 10);
    const body = Buffer.alloc(n);
    for (let i = 0; i < n; i++) body[i] = i % 251;
    stream.respond({ ':status': 200, 'content-length': String(n) });
    stream.end(body);
  } else if (path === '/goaway') {
    stream.respond({ ':status': 200 });
    stream.end('bye\n', () => stream.session.close());
  } else {
    stream.respond({ ':status': 404 });
    stream.end('no such path\n');
  }
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
setTimeout(() => process.exit(0), 60000).unref();
