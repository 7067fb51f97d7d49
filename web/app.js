/*
 * The page: fields in, the module's answer out (web/vmsplit.js runs it).
 *
 * The kernel command line is the one source of truth, as on the real
 * kernel: the era, split, highmem, vmalloc=, mem= and bank fields only
 * write their option into it (key=value tokens, nothing interpreted), and
 * editing the line refreshes them.  The board (RAM size or device tree)
 * and the kernel build (--built-for, --lpae) are memlayout's options.
 * Everything the page shows comes from one call of the module per view:
 * the layout rules are all in the C code.
 *
 * The configuration is kept in the URL (?m=1G&cmdline=...&built=2G&lpae=1
 * &dtb=build/dt/NAME.dtb, or &ram=BASE:SIZE,...&phys=ADDR for the RAM a
 * boot log named), so a link hands it out.
 */
(function () {
	"use strict";

	const $ = (id) => document.getElementById(id);
	const SCENARIOS = globalThis.VMSPLIT_SCENARIOS || [];
	const DTBS = globalThis.VMSPLIT_DTBS || {};
	const dtbBytes = {};

	let vm = null;
	let state = { m: "1G", cmdline: "", built: "", lpae: false, dtb: "", ram: "", phys: "" };

	// ---- the command line as tokens (spaces split, "double quotes" hold)

	function tokens(line) {
		const out = [];
		let cur = "", quoted = false, any = false;
		for (const ch of line) {
			if (ch === '"')
				quoted = !quoted;
			if (!quoted && /\s/.test(ch)) {
				if (any)
					out.push(cur);
				cur = "";
				any = false;
			} else {
				cur += ch;
				any = true;
			}
		}
		if (any)
			out.push(cur);
		return out;
	}

	// A token's name and value with the quotes Linux's next_arg() takes
	// off: "vmalloc=300M" and vmalloc="300M" are both vmalloc=300M.
	function partsOf(t) {
		const quoted = t.startsWith('"');
		const body = quoted ? t.slice(1) : t;
		const eq = body.indexOf("=");
		let key = eq >= 0 ? body.slice(0, eq) : body;
		let value = eq >= 0 ? body.slice(eq + 1) : "";
		const valueQuoted = value.startsWith('"');
		if (valueQuoted)
			value = value.slice(1);
		if (eq < 0 && quoted && key.endsWith('"'))
			key = key.slice(0, -1);
		if ((quoted || valueQuoted) && value.endsWith('"'))
			value = value.slice(0, -1);
		return [key, value];
	}
	const keyOf = (t) => partsOf(t)[0];
	const valueOf = (t) => partsOf(t)[1];

	// Which tokens a field owns: mem= is the field's when it has no @START,
	// the banks' when it has one.
	const OWNS = {
		rules: (t) => keyOf(t) === "rules",
		split: (t) => keyOf(t) === "split",
		highmem: (t) => keyOf(t) === "highmem",
		vmalloc: (t) => keyOf(t) === "vmalloc",
		mem: (t) => keyOf(t) === "mem" && valueOf(t).indexOf("@") < 0,
		banks: (t) => keyOf(t) === "mem" && valueOf(t).indexOf("@") >= 0,
	};

	// The field's value as the kernel would take it: the last such option.
	function fieldValue(line, field) {
		const mine = tokens(line).filter(OWNS[field]).map(valueOf);
		if (field === "banks")
			return mine.join(" ");
		return mine.length ? mine[mine.length - 1] : "";
	}

	// The line with the field's options replaced by `value` (removed when
	// empty), where the first of them stood, or at the end.
	function withField(line, field, value) {
		const t = tokens(line);
		const at = t.findIndex(OWNS[field]);
		const kept = t.filter((x) => !OWNS[field](x));
		const key = field === "banks" ? "mem" : field;
		const add = (field === "banks" ? value.split(/\s+/).filter(Boolean) : value ? [value] : [])
			.map((v) => key + "=" + v);
		const where = at < 0 ? kept.length : t.slice(0, at).filter((x) => !OWNS[field](x)).length;
		kept.splice(where, 0, ...add);
		return kept.join(" ");
	}

	// ---- memlayout's arguments, both ways

	function argsOf(s, withSvg) {
		const a = withSvg ? ["--svg"] : [];
		if (s.built)
			a.push("--built-for", s.built);
		if (s.lpae)
			a.push("--lpae");
		if (s.board)
			a.push("--board", s.board);
		if (s.ram)
			a.push("--ram", s.ram);
		else if (!s.board || s.m)
			a.push("-m", s.m);
		if (s.phys)
			a.push("--phys-offset", s.phys);
		if (s.dtb)
			a.push("--dtb", s.dtb);
		a.push(s.cmdline);
		return a;
	}

	function stateOfArgs(args) {
		const s = { m: "1G", cmdline: "", built: "", lpae: false, dtb: "", board: "", ram: "", phys: "" };
		let m = null;
		for (let i = 0; i < args.length; i++) {
			if (args[i] === "-m")
				m = s.m = args[++i];
			else if (args[i] === "--board")
				s.board = args[++i];
			else if (args[i] === "--built-for")
				s.built = args[++i];
			else if (args[i] === "--lpae")
				s.lpae = true;
			else if (args[i] === "--dtb")
				s.dtb = args[++i];
			else if (args[i] === "--ram")
				s.ram = args[++i];
			else if (args[i] === "--phys-offset")
				s.phys = args[++i];
			else
				s.cmdline = args[i];
		}
		if (s.board && m === null)
			s.m = "";	/* the board's own default (raspi2b: its fixed 1 GB) */
		return s;
	}

	function queryOf(s) {
		const q = new URLSearchParams();
		q.set("m", s.m);
		q.set("cmdline", s.cmdline);
		if (s.built)
			q.set("built", s.built);
		if (s.lpae)
			q.set("lpae", "1");
		if (s.dtb)
			q.set("dtb", s.dtb);
		if (s.board)
			q.set("board", s.board);
		if (s.ram)
			q.set("ram", s.ram);
		if (s.phys)
			q.set("phys", s.phys);
		return "?" + q.toString();
	}

	function stateOfQuery(search) {
		const q = new URLSearchParams(search);
		return {
			m: q.get("m") !== null ? q.get("m") : (q.get("board") ? "" : "1G"), cmdline: q.get("cmdline") || "",
			built: q.get("built") || "", lpae: q.get("lpae") === "1", dtb: q.get("dtb") || "",
			board: q.get("board") || "", ram: q.get("ram") || "", phys: q.get("phys") || "",
		};
	}

	// ---- running the module

	function treeOf(path) {
		if (!path)
			return null;
		if (!(path in dtbBytes))
			dtbBytes[path] = DTBS[path] ? vmsplitBytesOfBase64(DTBS[path]) : new Uint8Array(0);
		return dtbBytes[path];
	}

	function run(s, withSvg) {
		return vm.run(argsOf(s, withSvg), treeOf(s.dtb));
	}

	// Linux's warnings and vmsplit's notes on bad input stand out; the
	// text is the tool's, unchanged.
	const WARN = /^(vmsplit: |Truncating |Ignoring |vmalloc area |Unknown kernel |memlayout: )/;

	function showLines(pre, text) {
		pre.textContent = "";
		const lines = text.split("\n");
		if (lines[lines.length - 1] === "")
			lines.pop();
		lines.forEach((line, i) => {
			const span = document.createElement("span");
			span.textContent = line + (i < lines.length - 1 || text.endsWith("\n") ? "\n" : "");
			if (WARN.test(line))
				span.className = "warn";
			pre.appendChild(span);
		});
	}

	function showMap(svg) {
		const map = $("map");
		if (!svg) {
			map.textContent = "(no map: the configuration was refused)";
			return;
		}
		const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
		const el = document.importNode(doc.documentElement, true);
		// memlayout's SVG has a fixed size; a viewBox lets it scale to the
		// column.  The one attribute the page adds (the tests take it off
		// before comparing with memlayout's file).
		if (!el.hasAttribute("viewBox")) {
			el.setAttribute("viewBox", `0 0 ${el.getAttribute("width")} ${el.getAttribute("height")}`);
			el.dataset.pageViewbox = "1";
		}
		map.replaceChildren(el);
	}

	function recompute() {
		try {
			show();
		} catch (e) {
			// Only the page's own limits get here (a line longer than the
			// module's argument buffer): said, and the last answer kept.
			$("status").textContent = "not recomputed: " + e.message;
			$("status").className = "status refused";
		}
	}

	function show() {
		const t0 = performance.now();
		const r = run(state, true);
		let wasmMs = r.ms;

		showLines($("boot"), r.out);
		$("errors").hidden = !r.err;
		$("errors").textContent = r.err;
		showMap(r.status === 0 ? r.svg : "");

		const eras = $("eras");
		eras.replaceChildren();
		const current = fieldValue(state.cmdline, "rules") || vm.defaultEra;
		const answers = vm.eras.map((era) => {
			const e = run(Object.assign({}, state, { cmdline: withField(state.cmdline, "rules", era.name) }), false);
			wasmMs += e.ms;
			return e.out + e.err;
		});
		// A line every era prints alike is faded, so what the eras change
		// stands out (the text itself is the module's, unchanged).
		const everywhere = (line) => answers.every((a) => a.split("\n").includes(line));
		vm.eras.forEach((era, i) => {
			const col = document.createElement("div");
			col.className = "era" + (era.name === current ? " current" : "");
			col.dataset.era = era.name;
			const h = document.createElement("h3");
			h.textContent = `rules=${era.name} (Linux ${era.versions})`;
			const pre = document.createElement("pre");
			showLines(pre, answers[i]);
			for (const span of pre.children)
				if (everywhere(span.textContent.replace(/\n$/, "")))
					span.classList.add("same");
			col.append(h, pre);
			eras.appendChild(col);
		});

		// The explanation: the tool's --explain on the same arguments.
		const topic = $("explain-topic").value;
		const ex = vm.run(["--explain", topic].concat(argsOf(state, false)), treeOf(state.dtb));
		wasmMs += ex.ms;
		$("explain").textContent = ex.out + ex.err;

		const runs = 2 + vm.eras.length;
		$("status").textContent = (r.status === 0 ? "" : `refused (exit status ${r.status}); `) +
			`recomputed in ${wasmMs.toFixed(3)} ms of WebAssembly (${runs} runs: this view, its explanation and each era), ` +
			`${(performance.now() - t0).toFixed(1)} ms with the page`;
		$("status").className = "status" + (r.status === 0 ? "" : " refused");
		globalThis.vmsplitLast = { status: r.status, out: r.out, err: r.err, wasmMs, viewMs: r.ms, runs,
			pageMs: performance.now() - t0 };

		const query = queryOf(state);
		$("share").href = query;
		$("share").textContent = location.pathname.split("/").pop() + query;
		try {
			history.replaceState(null, "", query);
		} catch (e) {
			// Some browsers refuse it for pages opened from disk; the link above still holds it.
		}
	}

	// ---- fields

	const CMD_FIELDS = ["rules", "split", "highmem", "vmalloc", "mem", "banks"];


	function setSelect(sel, value) {
		if (![...sel.options].some((o) => o.value === value)) {
			// A value the line holds but the list lacks (a typo, say): shown
			// as it is, the module's message says what the kernel makes of it.
			const o = new Option(value, value);
			o.dataset.extra = "1";
			sel.add(o);
		}
		sel.value = value;
	}

	function fillFields() {
		if (state.ram) {
			// The RAM a boot log named (--ram): a choice of its own, as long
			// as it is the one shown.
			const v = "ram:" + state.ram;
			for (const o of [...$("board").options])
				if (o.value.startsWith("ram:") && o.value !== v)
					o.remove();
			if (![...$("board").options].some((o) => o.value === v))
				$("board").add(new Option(`RAM from a boot log: --ram ${state.ram}` +
					(state.phys ? ` --phys-offset ${state.phys}` : ""), v));
			$("board").value = v;
		} else {
			setSelect($("board"), state.board ? "board:" + state.board : state.dtb);
		}
		$("ram").value = state.ram ? "" : state.m;
		$("ram").disabled = !!state.dtb || !!state.ram;
		setSelect($("built"), state.built);
		$("lpae").checked = state.lpae;
		for (const f of CMD_FIELDS) {
			const el = $(f);
			const v = fieldValue(state.cmdline, f);
			if (el.tagName === "SELECT")
				setSelect(el, v);
			else if (document.activeElement !== el)
				el.value = v;
		}
		if (document.activeElement !== $("cmdline"))
			$("cmdline").value = state.cmdline;
	}

	function options(sel, list) {
		sel.replaceChildren(...list.map(([v, text]) => new Option(text, v)));
	}

	function setup() {
		options($("board"), [["", "QEMU virt: -m RAM at 0x40000000"]].concat(
			vm.boards.filter((b) => b.name !== "virt").map((b) =>
				["board:" + b.name, `QEMU ${b.name}: -m RAM at 0x${b.ramBase.toString(16).padStart(8, "0")}`]),
			Object.keys(DTBS).map((p) => [p, "device tree " + p])));
		options($("built"), [["", "any (split= picks)"]].concat(vm.splits.map((s) => [s, "VMSPLIT_" + s])));
		options($("rules"), [["", `(not given: ${vm.defaultEra})`]].concat(
			vm.eras.map((e) => [e.name, `${e.name} (Linux ${e.versions})`])));
		options($("split"), [["", "(not given)"]].concat(vm.splits.map((s) => [s, s])));

		// Once the user changes anything, a scenario's note no longer
		// describes what is shown.
		$("config").addEventListener("input", () => { $("scenario-note").hidden = true; }, true);
		$("config").addEventListener("change", () => { $("scenario-note").hidden = true; }, true);
		for (const f of CMD_FIELDS) {
			$(f).addEventListener($(f).tagName === "SELECT" ? "change" : "input", () => {
				state.cmdline = withField(state.cmdline, f, $(f).value.trim());
				$("cmdline").value = state.cmdline;
				recompute();
			});
		}
		$("cmdline").addEventListener("input", () => {
			state.cmdline = $("cmdline").value;
			fillFields();
			recompute();
		});
		$("ram").addEventListener("input", () => { state.m = $("ram").value.trim(); recompute(); });
		$("board").addEventListener("change", () => {
			const v = $("board").value;

			if (v.startsWith("ram:"))
				return;		/* the boot log's RAM, already the state's */
			state.board = v.startsWith("board:") ? v.slice("board:".length) : "";
			state.dtb = v.startsWith("board:") ? "" : v;
			state.ram = state.phys = "";
			if (!state.m)
				state.m = "1G";
			fillFields();
			recompute();
		});
		$("built").addEventListener("change", () => { state.built = $("built").value; recompute(); });
		$("lpae").addEventListener("change", () => { state.lpae = $("lpae").checked; recompute(); });
		$("explain-topic").addEventListener("change", recompute);
		$("dmesg-read").addEventListener("click", () => readLog(PASTED));
		$("dmesg-show").addEventListener("click", showLogConfiguration);
		$("dmesg-file").addEventListener("change", async () => {
			const file = $("dmesg-file").files[0];
			if (!file)
				return;
			$("dmesg").value = await file.text();
			readLog(file.name);
		});

		const list = $("scenarios");
		for (const sc of SCENARIOS) {
			const li = document.createElement("li");
			const a = document.createElement("a");
			a.href = queryOf(stateOfArgs(sc.args));
			a.className = "scenario";
			a.dataset.name = sc.name;
			a.textContent = sc.name;
			a.addEventListener("click", (ev) => {
				ev.preventDefault();
				loadScenario(sc);
			});
			const docs = document.createElement("a");
			docs.href = sc.docs;
			docs.textContent = "page";
			li.append(a, ": " + sc.what + " (", docs, ")");
			list.appendChild(li);
		}
	}

	// ---- a boot log: the tool's --from-dmesg, the pasted text as its file

	const PASTED = "the pasted log";

	function readLog(name) {
		const text = $("dmesg").value;
		const report = $("dmesg-report");
		if (!text.trim()) {
			report.textContent = "Paste a boot log above first (or choose its file).";
			return;
		}
		$("dmesg-show").hidden = true;
		try {
			const r = vm.run(["--from-dmesg", name], new TextEncoder().encode(text));
			report.textContent = r.out + r.err;
			// The report's "the same configuration: memlayout ARGS", a shell
			// line: its words are the page's configuration.
			const m = /^ {2}the same configuration: memlayout (.*)$/m.exec(r.out);
			const words = m && shellWords(m[1]);
			if (words) {
				logArgs = words;
				$("dmesg-show").hidden = false;
			}
		} catch (e) {
			report.textContent = e.message;
		}
	}

	// A POSIX shell's words, as from-dmesg quotes them: '...' as it is,
	// "..." with \" \\ \$ \` taken as the character, a backslash outside
	// quotes taking the next one, blanks between words.  null when a quote
	// is not closed.
	function shellWords(line) {
		const out = [];
		let cur = null;
		for (let i = 0; i < line.length;) {
			const c = line[i];
			if (c === "'") {
				const j = line.indexOf("'", i + 1);
				if (j < 0)
					return null;
				cur = (cur || "") + line.slice(i + 1, j);
				i = j + 1;
			} else if (c === '"') {
				cur = cur || "";
				for (i++; i < line.length && line[i] !== '"'; i++) {
					if (line[i] === "\\" && '"\\$`'.includes(line[i + 1]))
						i++;
					cur += line[i];
				}
				if (i >= line.length)
					return null;
				i++;
			} else if (c === "\\") {
				cur = (cur || "") + (line[i + 1] || "");
				i += 2;
			} else if (/\s/.test(c)) {
				if (cur !== null)
					out.push(cur);
				cur = null;
				i++;
			} else {
				cur = (cur || "") + c;
				i++;
			}
		}
		if (cur !== null)
			out.push(cur);
		return out;
	}

	let logArgs = null;

	function showLogConfiguration() {
		if (!logArgs)
			return;
		state = stateOfArgs(logArgs);
		fillFields();
		recompute();
		$("status").scrollIntoView({ block: "start" });	// the answer is at the top
	}

	function loadScenario(sc) {
		state = stateOfArgs(sc.args);
		const note = $("scenario-note");
		note.hidden = false;
		note.textContent = `${sc.name}: ${sc.what}.` + (sc.notice ? " What to notice: " + sc.notice : "");
		fillFields();
		recompute();
		note.scrollIntoView({ block: "start" });	// the answer is at the top
	}

	async function start() {
		try {
			vm = await vmsplitLoad(vmsplitBytesOfBase64(globalThis.VMSPLIT_WASM_BASE64));
		} catch (e) {
			$("status").textContent = "The WebAssembly module did not load: " + e.message +
				" (make web builds it into build/web)";
			$("status").className = "status refused";
			return;
		}
		setup();
		state = stateOfQuery(location.search);
		if (state.dtb && !(state.dtb in DTBS)) {
			// Only the scenarios' trees are in the page: a link naming another
			// is said, and the board is QEMU virt's -m RAM instead.
			const note = $("scenario-note");
			note.hidden = false;
			note.textContent = `This link names a device tree the page does not have (${state.dtb}); ` +
				"showing QEMU virt's -m RAM instead. Its trees: " + Object.keys(DTBS).join(", ") + ".";
			state.dtb = "";
		}
		fillFields();
		recompute();
		document.body.dataset.ready = "1";
	}

	// For the tests: the page's own helpers, not a second way in.
	globalThis.vmsplitPage = { tokens, withField, fieldValue, argsOf, queryOf, stateOfArgs, shellWords };
	start();
})();
