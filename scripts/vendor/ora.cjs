// dist/vendor/ora.cjs: the spinner of the interactive flow (src/onboard/interactive.ts). The
// bundle imports it as a CommonJS module, whose default export is module.exports: the function.
module.exports = require('ora').default;
