// The page in a real browser (tests/web_test.py runs it): Debian's chromium,
// headless, driven by npm's playwright-core, one browser and one page
// session for every configuration.
//
//   node tests/web/page_test.js ROOT CHROMIUM SCREENSHOT.png < jobs.json
//
// jobs: [{name, args, want: {status, out, err, svg}, role?}], want being
// build/host/memlayout's answer for args.  role "typed" is typed key by key
// into the command line; role "era:NAME" is what the era column NAME of the
// job before it must show; role "dmesg" pastes job.log into the boot-log
// box and reads the report.  Writes one JSON line per result:
// {name, ok, why} or {note}.
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const { chromium } = require("playwright-core");

const [root, browserPath, shotPath] = process.argv.slice(2);
const WEB = path.join(root, "build", "web");
const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const result = (name, problems) =>
	say({ name, ok: problems.length === 0, why: problems.slice(0, 4).join("; ") });

// build/web over http on a free local port, as make web-serve does.
function serve() {
	const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css",
		".wasm": "application/wasm", ".md": "text/plain", ".svg": "image/svg+xml" };
	const server = http.createServer((req, res) => {
		const file = path.join(WEB, decodeURIComponent(new URL(req.url, "http://x").pathname));
		if (!file.startsWith(WEB) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
			res.writeHead(404);
			res.end();
			return;
		}
		res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream" });
		res.end(fs.readFileSync(file));
	});
	return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// What the page shows, read from its DOM as a user sees it; installed in
// the page (vmsplitPageShown) so a batch can call it too.
function pageShown() {
	let svg = document.querySelector("#map svg");
	if (svg && svg.dataset.pageViewbox) {
		// The page's one addition, so the map scales: taken off again.
		svg = svg.cloneNode(true);
		svg.removeAttribute("viewBox");
		delete svg.dataset.pageViewbox;
	}
	return {
		out: document.getElementById("boot").textContent,
		err: document.getElementById("errors").hidden ? "" : document.getElementById("errors").textContent,
		refused: /^refused \(exit status (\d+)\)/.exec(document.getElementById("status").textContent),
		map: svg ? new XMLSerializer().serializeToString(svg) : "",
		boxes: [...document.querySelectorAll("#map svg g[data-name]")].map((g) =>
			`${g.getAttribute("class")} ${g.dataset.name} ${g.dataset.start}-${g.dataset.end}`).join("\n"),
		eras: [...document.querySelectorAll("#eras .era")].map((e) => [e.dataset.era, e.querySelector("pre").textContent]),
		explain: document.getElementById("explain").textContent,
		search: location.search,
	};
}
const INSTALL = `globalThis.vmsplitPageShown = ${pageShown.toString()};`;

async function shown(page) {
	return page.evaluate(() => vmsplitPageShown());
}

// memlayout's SVG as the page's DOM would hold it (parsed the same way).
async function mapOf(page, svg) {
	if (!svg)
		return "";
	return page.evaluate((text) => new XMLSerializer().serializeToString(
		document.importNode(new DOMParser().parseFromString(text, "image/svg+xml").documentElement, true)), svg);
}

async function differences(page, got, want) {
	if (got.wantMap === undefined)
		got.wantMap = await mapOf(page, want.status === 0 ? want.svg : "");
	const problems = [];
	if (got.out !== want.out)
		problems.push("lines: " + firstDiff(want.out, got.out));
	if (got.err !== want.err)
		problems.push("messages: " + firstDiff(want.err, got.err));
	const status = got.refused ? Number(got.refused[1]) : 0;
	if (status !== want.status)
		problems.push(`status ${status}, memlayout ${want.status}`);
	if (got.map !== got.wantMap)
		problems.push("the map is not memlayout's SVG");
	return problems;
}

function firstDiff(a, b) {
	const x = a.split("\n"), y = b.split("\n");
	for (let i = 0; i < Math.max(x.length, y.length); i++)
		if (x[i] !== y[i])
			return `line ${i + 1}: memlayout ${JSON.stringify(x[i])}, page ${JSON.stringify(y[i])}`;
	return "equal lines, different text";
}

// Set the page's own fields to each job's arguments with the events a
// user's input fires (the page's own handlers recompute) and read what the
// page then shows, many jobs in one call to the page: the page recomputes
// in a few milliseconds, but each round trip waits for a frame to be drawn.
// A job whose value is not among a list's choices comes back null.
async function setFieldsAll(page, list) {
	return page.evaluate((jobs) => jobs.map(([a, svg]) => {
		const s = vmsplitPage.stateOfArgs(a);
		const set = (id, prop, value, event) => {
			const el = document.getElementById(id);
			if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === value))
				return false;
			if (el[prop] === value)
				return true;	// unchanged: a user would not touch it
			el[prop] = value;
			el.dispatchEvent(new Event(event, { bubbles: true }));
			return true;
		};
		const board = s.board ? "board:" + s.board : s.dtb;	/* the list's value for it */
		if (!set("board", "value", board, "change") || !set("built", "value", s.built, "change"))
			return null;
		if (!s.dtb)
			set("ram", "value", s.m, "input");
		set("lpae", "checked", s.lpae, "change");
		set("cmdline", "value", s.cmdline, "input");
		const got = vmsplitPageShown();
		got.wantMap = svg ? new XMLSerializer().serializeToString(
			document.importNode(new DOMParser().parseFromString(svg, "image/svg+xml").documentElement, true)) : "";
		return got;
	}), list);
}

// Set the page's own fields to memlayout's arguments through playwright,
// as a user would: the board, the RAM, the build, then the command line.
async function configure(page, args) {
	const s = await page.evaluate((a) => vmsplitPage.stateOfArgs(a), args);
	const listed = await page.evaluate((v) => [...document.querySelectorAll("#built option, #board option")]
		.map((o) => o.value), [s.built]);
	const board = s.board ? "board:" + s.board : s.dtb;
	if (!listed.includes(s.built) || !listed.includes(board)) {
		// Not a choice of the lists (--built-for 4G): only a link can say
		// it, so the page is opened with that link.
		await page.goto(page.url().split("?")[0] + await page.evaluate((x) => vmsplitPage.queryOf(x), s));
		await page.waitForSelector("body[data-ready='1']");
		return s;
	}
	await page.selectOption("#board", board);
	if (!s.dtb)
		await page.fill("#ram", s.m);
	await page.selectOption("#built", s.built);
	await page.setChecked("#lpae", s.lpae);
	await page.fill("#cmdline", s.cmdline);
	return s;
}

// Non-white pixels of a PNG, counted by the browser's own decoder.
async function inkOf(page, png) {
	return page.evaluate(async (b64) => {
		const img = new Image();
		img.src = "data:image/png;base64," + b64;
		await img.decode();
		const c = document.createElement("canvas");
		c.width = img.width;
		c.height = img.height;
		const g = c.getContext("2d");
		g.drawImage(img, 0, 0);
		const d = g.getImageData(0, 0, c.width, c.height).data;
		let ink = 0;
		const colours = new Set();
		for (let i = 0; i < d.length; i += 4) {
			if (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)
				ink++;
			colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
		}
		return { ink, pixels: c.width * c.height, colours: colours.size, width: c.width, height: c.height };
	}, png.toString("base64"));
}

(async () => {
	const server = await serve();
	const origin = `http://127.0.0.1:${server.address().port}`;
	const t0 = Date.now();
	const browser = await chromium.launch({ executablePath: browserPath, headless: true,
		args: process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [] });
	const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
	await context.addInitScript(INSTALL);
	const page = await context.newPage();
	page.setDefaultTimeout(5000);
	const consoleErrors = [], foreign = [];
	page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") consoleErrors.push(m.text()); });
	page.on("pageerror", (e) => consoleErrors.push(String(e)));
	page.on("request", (r) => {
		const u = r.url();
		const own = u.startsWith(origin + "/") && fs.existsSync(path.join(WEB, new URL(u).pathname));
		const inline = u.startsWith("data:") || u.startsWith("file://" + WEB + "/");
		if (!own && !inline)
			foreign.push(u);
	});

	// ---- loading
	await page.goto(origin + "/index.html");
	await page.waitForSelector("body[data-ready='1']", { timeout: 10000 });
	const loaded = await shown(page);
	result("loads over http and shows a layout and its map at once",
		loaded.out.includes("Virtual kernel memory layout:") && loaded.map ? [] : ["no layout shown"]);

	// ---- every configuration, in the one page session
	const byName = {};
	let shownOk = 0, bad = [], badInput = [], badInputCount = 0, plain = jobs.filter((j) => !j.role);
	const batch = await setFieldsAll(page, plain.map((j) => [j.args, j.want.status === 0 ? j.want.svg : ""]));
	for (const [i, job] of plain.entries()) {
		let got = batch[i];
		if (!got) {
			await configure(page, job.args);
			got = await shown(page);
		}
		byName[job.name] = got;
		const p = await differences(page, got, job.want);
		if (p.length)
			bad.push(`${job.name}: ${p[0]}`);
		else
			shownOk++;
		if (job.name.startsWith("bad: ")) {
			badInputCount++;
			if (p.length)
				badInput.push(`${job.name}: ${p[0]}`);
		}
	}
	result(`${plain.length} configurations set in the page's fields show memlayout's lines, messages, ` +
		`status and map, character for character (every scenario among them)`, bad);
	result(`bad input: the page gives the kernel's messages and fallbacks (${badInputCount} configurations)`,
		badInputCount ? badInput : ["no bad input among the configurations"]);

	// ---- the eras side by side
	const eraJobs = jobs.filter((j) => j.role && j.role.startsWith("era:"));
	if (eraJobs.length) {
		const base = jobs[jobs.indexOf(eraJobs[0]) - 1];
		await configure(page, base.args);
		const got = await shown(page);
		const problems = [];
		for (const j of eraJobs) {
			const col = got.eras.find(([name]) => name === j.role.slice(4));
			if (!col)
				problems.push(`no column for ${j.role}`);
			else if (col[1] !== j.want.out + j.want.err)
				problems.push(`${j.role}: ${firstDiff(j.want.out + j.want.err, col[1])}`);
		}
		if (got.eras.length !== eraJobs.length)
			problems.push(`${got.eras.length} era columns, the core has ${eraJobs.length} eras`);
		result(`the eras side by side (${base.name}): each column is memlayout's for that rules=`, problems);
	}

	// ---- the explanation: the tool's --explain TOPIC for the same board
	const explainJobs = jobs.filter((j) => j.role && j.role.startsWith("explain:"));
	if (explainJobs.length) {
		const problems = [];
		await configure(page, explainJobs[0].args);
		for (const j of explainJobs) {
			await page.selectOption("#explain-topic", j.role.slice("explain:".length));
			const got = await shown(page);
			if (got.explain !== j.want.out + j.want.err)
				problems.push(`${j.role}: ${firstDiff(j.want.out + j.want.err, got.explain)}`);
		}
		result(`the explanation (${explainJobs.map((j) => j.role.slice(8)).join(", ")}) is memlayout --explain's`,
			problems);
	}

	// ---- a boot log pasted: the tool's --from-dmesg on the same text
	const dmesgJobs = jobs.filter((j) => j.role === "dmesg");
	if (dmesgJobs.length) {
		const problems = [];
		const shownProblems = [];
		for (const j of dmesgJobs) {
			await page.fill("#dmesg", j.log);
			await page.click("#dmesg-read");
			const got = await page.textContent("#dmesg-report");
			if (got !== j.want.out + j.want.err)
				problems.push(`${j.name}: ${firstDiff(j.want.out + j.want.err, got)}`);
			if (!j.shown)
				continue;
			await page.click("#dmesg-show");
			const s = await shown(page);
			const p = await differences(page, s, j.shown);
			if (p.length)
				shownProblems.push(`${j.name} (${j.args.join(" ")}): ${p.join("; ")}`);
		}
		result(`a pasted boot log reads back as memlayout --from-dmesg reads its file (${dmesgJobs.length} logs)`,
			problems);
		result(`its configuration, one click away, shows memlayout's answer for the report's own command ` +
			`(${dmesgJobs.filter((j) => j.shown).length} logs, one with quotes and a $ on its command line)`,
			shownProblems);
	}

	// ---- typing: each keystroke redraws the map
	const typed = jobs.find((j) => j.role === "typed");
	if (typed) {
		const s = await page.evaluate((a) => vmsplitPage.stateOfArgs(a), typed.args);
		// The line's first option is there already; the rest is typed.
		const typedFrom = s.cmdline.indexOf(" ") + 1;
		await configure(page, typed.args.map((a) => (a === s.cmdline ? s.cmdline.slice(0, typedFrom) : a)));
		const before = (await shown(page)).boxes;
		await page.click("#cmdline");
		// What the page shows after each key, noted by a listener that runs
		// after the page's own (registered later), so the keys go in as one
		// stream of real key events.
		await page.evaluate(() => {
			globalThis.vmsplitTyped = [];
			globalThis.vmsplitTypedNote = () => vmsplitTyped.push([
				vmsplitPageShown().boxes, vmsplitLast.wasmMs,
				document.querySelector("#map svg text").textContent, document.getElementById("cmdline").value]);
			document.getElementById("cmdline").addEventListener("input", vmsplitTypedNote);
		});
		await page.keyboard.type(s.cmdline.slice(typedFrom));
		const typedSeen = await page.evaluate(() => {
			document.getElementById("cmdline").removeEventListener("input", vmsplitTypedNote);
			return vmsplitTyped;
		});
		const maps = new Set([before]);
		const timings = [], stale = [];
		for (const now of typedSeen) {
			maps.add(now[0]);
			timings.push(now[1]);
			// The map's title is the line it was drawn for: redrawn on every key.
			if (now[2] !== `vmsplit: "${now[3]}"`)
				stale.push(`after ${JSON.stringify(now[3])} the map is titled ${now[2]}`);
		}
		if (typedSeen.length !== s.cmdline.length - typedFrom)
			stale.push(`${typedSeen.length} input events for ${s.cmdline.length - typedFrom} keys`);
		const got = await shown(page);
		const problems = stale.concat(await differences(page, got, typed.want));
		// highmem=on and the digits of vmalloc=300M move boxes.
		if (maps.size < 4)
			problems.push(`the map's boxes took only ${maps.size} forms while typing ${JSON.stringify(s.cmdline.slice(typedFrom))}`);
		timings.sort((a, b) => a - b);
		if (timings.length)
			say({ note: `typing ${JSON.stringify(s.cmdline.slice(typedFrom))}: the boxes took ${maps.size} forms; WebAssembly time per ` +
			`keystroke (this view and every era) median ${timings[timings.length >> 1].toFixed(3)} ms, ` +
			`worst ${timings[timings.length - 1].toFixed(3)} ms` });
		result(`typing ${JSON.stringify(s.cmdline.slice(typedFrom))} after ${JSON.stringify(s.cmdline.slice(0, typedFrom))} key by key: the map is redrawn for each key, its boxes move (${maps.size} forms), it ends at memlayout's answer`,
			problems);
	}

	// ---- the fields write their options into the line, and follow it
	const fieldsJob = jobs.find((j) => j.role === "fields");
	if (fieldsJob) {
		await configure(page, ["-m", "1G", fieldsJob.from]);
		await page.selectOption("#rules", "modern");
		await page.selectOption("#split", "2G");
		await page.selectOption("#highmem", "on");
		await page.fill("#vmalloc", "300M");
		await page.fill("#banks", "256M@0x40000000 256M@0x60000000");
		await page.selectOption("#rules", "");
		const line = await page.inputValue("#cmdline");
		const want = fieldsJob.args[fieldsJob.args.length - 1];
		const problems = line === want ? [] : [`the line is ${JSON.stringify(line)}, not ${JSON.stringify(want)}`];
		problems.push(...await differences(page, await shown(page), fieldsJob.want));
		// and the other way: a line typed in sets the fields
		await page.fill("#cmdline", 'rules=2.6.36 "vmalloc=200M" highmem="off" mem=512M run="vmalloc=1M"');
		const f = await page.evaluate(() => ["rules", "split", "highmem", "vmalloc", "mem", "banks"]
			.map((id) => document.getElementById(id).value).join("|"));
		if (f !== "2.6.36||off|200M|512M|")
			problems.push(`the fields read ${f} from the line`);
		result("the era, split, highmem, vmalloc=, mem= and bank fields each write only their option " +
			"into the line (memlayout's answer for it), and a typed line sets them (quotes as Linux takes them off)", problems);
	}

	// ---- the URL holds the configuration
	{
		const job = plain.find((j) => j.args.includes("--lpae")) || plain[0];
		await configure(page, job.args);
		const search = (await shown(page)).search;
		const p2 = await context.newPage();
		await p2.goto(origin + "/index.html" + search);
		await p2.waitForSelector("body[data-ready='1']", { timeout: 10000 });
		const problems = await differences(p2, await shown(p2), job.want);
		// A link naming a tree the page does not carry: said, virt's RAM instead.
		await p2.goto(origin + "/index.html?m=2G&cmdline=highmem%3Don&dtb=build%2Fdt%2Fnone.dtb");
		await p2.waitForSelector("body[data-ready='1']");
		const note = await p2.textContent("#scenario-note");
		if (!note.includes("does not have (build/dt/none.dtb)") || await p2.inputValue("#board") !== "" ||
				!(await p2.textContent("#boot")).includes("Kernel command line: highmem=on"))
			problems.push(`a link to an unknown tree: note ${JSON.stringify(note)}`);
		await p2.close();
		result(`the URL (${search.slice(0, 60)}...) reloads the same configuration (${job.name}); ` +
			"one naming an unknown device tree says so", problems);
	}

	// ---- a scenario, one click away, and its screenshot
	{
		const job = plain.find((j) => j.name === "scenario msm-holes") || plain[0];
		const name = job.name.replace(/^scenario /, "");
		await configure(page, ["-m", "128M", ""]);
		await page.click(`a.scenario[data-name="${name}"]`);
		const got = await shown(page);
		const problems = await differences(page, got, job.want);
		const note = await page.textContent("#scenario-note");
		if (!note.startsWith(name + ":"))
			problems.push("the scenario's description is not shown");
		const href = await page.getAttribute(`a.scenario[data-name="${name}"]`, "href");
		if (href !== got.search)
			problems.push(`its link ${href} is not the URL ${got.search}`);
		const docs = await page.evaluate((n) => [...document.querySelectorAll("#scenarios a")]
			.filter((a) => a.getAttribute("href") === `docs/scenarios/${n}.md`).length, name);
		if (!docs || !fs.existsSync(path.join(WEB, "docs", "scenarios", name + ".md")))
			problems.push("no link to its docs page in build/web");
		const png = await page.locator("#map svg").screenshot();
		fs.writeFileSync(shotPath, png);
		const ink = await inkOf(page, png);
		const boxes = await page.locator("#map svg g.phys, #map svg g.virt").count();
		if (ink.ink < ink.pixels / 20 || ink.colours < 4 || boxes < 5)
			problems.push(`the screenshot looks empty: ${JSON.stringify(ink)}, ${boxes} boxes`);
		say({ note: `screenshot of ${name}'s map: ${ink.width}x${ink.height}, ${ink.colours} colours, ` +
			`${(100 * ink.ink / ink.pixels).toFixed(0)}% inked, ${boxes} boxes` });
		result(`scenario ${name} is one click away: its lines, description, link, docs page and a drawn map`, problems);
	}

	// ---- past the page's own limit: said, nothing thrown
	{
		await configure(page, ["-m", "1G", "vmalloc=256M"]);
		const before = (await shown(page)).out;
		await page.fill("#cmdline", "x".repeat(20000));
		const status = await page.textContent("#status");
		const problems = [];
		if (!status.startsWith("not recomputed: vmsplit: the arguments are longer than"))
			problems.push(`status ${JSON.stringify(status.slice(0, 80))}`);
		if ((await shown(page)).out !== before)
			problems.push("the last answer was not kept");
		await page.fill("#cmdline", "vmalloc=256M");
		if (!(await page.textContent("#status")).startsWith("recomputed"))
			problems.push("a short line again did not recompute");
		result("a 20000-byte line, past the page's buffer: the page says so, keeps its last answer, recovers", problems);
	}

	// ---- opened from disk
	{
		const job = plain[0];
		const s = await page.evaluate((a) => vmsplitPage.queryOf(vmsplitPage.stateOfArgs(a)), job.args);
		const p2 = await context.newPage();
		p2.on("console", (m) => { if (m.type() === "error") consoleErrors.push("file: " + m.text()); });
		p2.on("pageerror", (e) => consoleErrors.push("file: " + String(e)));
		await p2.goto("file://" + path.join(WEB, "index.html") + s);
		await p2.waitForSelector("body[data-ready='1']", { timeout: 10000 });
		const problems = await differences(p2, await shown(p2), job.want);
		await p2.close();
		result(`opened from disk (file://), ${job.name} shows the same`, problems);
	}

	result("no console errors or warnings in the whole session", consoleErrors);
	result("no network request beyond the page's own files", foreign);
	say({ note: `one chromium, ${plain.length + eraJobs.length + 1} configurations, ${Date.now() - t0} ms` });
	await browser.close();
	server.close();
})().catch((e) => {
	say({ name: "the page in chromium", ok: false, why: String(e.stack || e).slice(0, 1500) });
	process.exit(1);
});
