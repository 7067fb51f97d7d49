// The WebAssembly module under Node, without a browser: reads
// [{args, dtb}] as JSON on stdin (dtb: a path relative to the tree, or
// null), runs each through web/vmsplit.js exactly as the page does, and
// writes [{status, out, err, svg, ms}] as JSON on stdout.
//
//   node tests/web/wasm_run.js ROOT/build/web/vmsplit.wasm ROOT < configs.json
"use strict";
const fs = require("fs");
const path = require("path");

const [wasmPath, root] = process.argv.slice(2);
const { vmsplitLoad } = require(path.join(root, "web", "vmsplit.js"));

(async () => {
	const configs = JSON.parse(fs.readFileSync(0, "utf8"));
	const vm = await vmsplitLoad(fs.readFileSync(wasmPath));
	const results = configs.map((c) =>
		vm.run(c.args, c.dtb ? new Uint8Array(fs.readFileSync(path.join(root, c.dtb))) : null));
	process.stdout.write(JSON.stringify({ eras: vm.eras, results }));
})().catch((e) => {
	console.error("wasm_run.js: " + e.stack);
	process.exit(1);
});
