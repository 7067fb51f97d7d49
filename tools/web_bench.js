// make bench: the browser page's cost (tools/bench.py runs this).
//
//   node tools/web_bench.js ROOT [CHROMIUM]
//
// Under Node: the module alone, median of many runs for a typical board
// (make run's: 1 GB, 3.4 rules; with the SVG, as the page asks for it).
// In chromium (when given and playwright-core is in build/npm): the page
// itself, a keystroke at a time into the command line, each one the page's
// whole recompute (this view with its map, and every era's column):
// WebAssembly time per keystroke and the page's own time with the DOM.
"use strict";
const fs = require("fs");
const path = require("path");

const [root, browserPath] = process.argv.slice(2);
const web = path.join(root, "build", "web");
const { vmsplitLoad } = require(path.join(root, "web", "vmsplit.js"));
const KEYS = 400;

function median(xs) {
	const s = xs.slice().sort((a, b) => a - b);
	return s[s.length >> 1];
}

(async () => {
	const wasm = fs.readFileSync(path.join(web, "vmsplit.wasm"));
	const zlib = require("zlib");
	console.log(`web: vmsplit.wasm ${wasm.length} bytes (${zlib.gzipSync(wasm, { level: 9 }).length} gzipped), ` +
		`vmsplit-wasm.js ${fs.statSync(path.join(web, "vmsplit-wasm.js")).size} bytes (base64, for pages opened from disk)`);
	console.log("web: what it means: what a visitor downloads (the page loads the base64 copy); " +
		"no target: the figure tracks what the core adds");

	const vm = await vmsplitLoad(wasm);
	for (const [what, args] of [["1 GB, 3.4 rules, with the SVG", ["--svg", "-m", "1G", ""]],
		["1 GB, 3.4 rules, text only", ["-m", "1G", ""]],
		["LPAE 8 GB, modern rules, highmem, with the SVG", ["--svg", "--lpae", "-m", "8G", "rules=modern highmem=on"]]]) {
		for (let i = 0; i < 50; i++)
			vm.run(args);
		const ms = [];
		for (let i = 0; i < 2000; i++)
			ms.push(vm.run(args).ms);
		console.log(`web: the module under node, ${what}: median ${(median(ms) * 1000).toFixed(1)} us a run`);
	}
	console.log("web: what it means: one decision and its report, as the page asks for it, without the " +
		"browser; the page's own target is the line below");

	if (!browserPath || !fs.existsSync(browserPath))
		return console.log("web: no chromium: the page's own timing is left out");
	let chromium;
	try {
		({ chromium } = require(path.join(root, "build", "npm", "node_modules", "playwright-core")));
	} catch (e) {
		return console.log("web: no playwright-core in build/npm: the page's own timing is left out");
	}
	const browser = await chromium.launch({ executablePath: browserPath, headless: true,
		args: process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [] });
	const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
	await page.goto("file://" + path.join(web, "index.html") + "?m=1G&cmdline=");
	await page.waitForSelector("body[data-ready='1']");
	// Keystrokes as the page receives them: the line grows by one
	// character, an input event, the page's handler recomputes.
	const r = await page.evaluate((n) => {
		const c = document.getElementById("cmdline");
		const line = "vmalloc=300M highmem=on rules=modern ";
		const wasm = [], view = [], pageMs = [];
		for (let i = 0; i < n; i++) {
			c.value = line.repeat(4).slice(0, i % (4 * line.length) + 1);
			c.dispatchEvent(new Event("input"));
			wasm.push(vmsplitLast.wasmMs);
			view.push(vmsplitLast.viewMs);
			pageMs.push(vmsplitLast.pageMs);
		}
		const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
		return { wasm: mean(wasm), view: mean(view), page: mean(pageMs), runs: vmsplitLast.runs };
	}, KEYS);
	console.log(`web: the page in chromium, ${KEYS} keystrokes into the command line on 1 GB: WebAssembly mean ` +
		`${(r.wasm * 1000).toFixed(0)} us per keystroke (${r.runs} runs: the view with its map ` +
		`${(r.view * 1000).toFixed(0)} us, and each era), the page's whole handler with the DOM ` +
		`${r.page.toFixed(2)} ms (target: under 1 ms of WebAssembly)`);
	await browser.close();
})().catch((e) => {
	console.error("web_bench.js: " + (e.stack || e));
	process.exit(1);
});
