// Node's http2 client against an H2Sharp server: several concurrent requests on one session,
// trailers, and a request the client cancels with RST_STREAM(CANCEL). Prints one JSON object.
// usage: node node_client.js PORT
'use strict';
const http2 = require('http2');
const crypto = require('crypto');

const port = process.argv[2];
const session = http2.connect(`http://127.0.0.1:${port}`);
session.on('error', (e) => { console.error('session error', e); process.exit(2); });
setTimeout(() => { console.error('timeout'); process.exit(3); }, 20000).unref();

function get(path) {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':path': path, 'x-client': 'node' });
    const result = { path, headers: null, trailers: null, length: 0, sha256: null, streamId: null };
    const hash = crypto.createHash('sha256');
    req.on('ready', () => { result.streamId = req.id; });
    req.on('response', (h) => { result.headers = h; });
    req.on('trailers', (t) => { result.trailers = t; });
    req.on('data', (chunk) => { result.length += chunk.length; hash.update(chunk); });
    req.on('end', () => { result.sha256 = hash.digest('hex'); resolve(result); });
    req.on('error', reject);
    req.end();
  });
}

function cancelled(path) {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':path': path });
    req.on('ready', () => req.close(http2.constants.NGHTTP2_CANCEL));
    req.on('close', () => resolve({ path, rstCode: req.rstCode, streamId: req.id }));
    req.on('error', reject);
    req.end();
  });
}

Promise.all([get('/hello'), get('/bytes/200000'), get('/trailers'), get('/missing'), cancelled('/hang'), get('/bytes/1')])
  .then((results) => {
    // A ping round trip after the cancel: the server has the RST_STREAM before we go.
    session.ping(Buffer.from('h2sharp!'), (err) => {
      console.log(JSON.stringify({ results, pingError: err ? String(err) : null }));
      session.close();
    });
  })
  .catch((e) => { console.error('request error', e); process.exit(4); });
