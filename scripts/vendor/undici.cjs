// dist/vendor/undici.cjs: the HTTP client used through a proxy (src/net/transport.ts).
module.exports = require('undici');
