/*
 * The WebAssembly build of the layout code (web/wasm_main.c), loaded and
 * called.  No layout rule lives here: this file only moves strings in and
 * out of the module's memory.  It runs in the page and under Node (the
 * tests' quick check), so it uses nothing but WebAssembly and TextEncoder.
 *
 *   const vm = await vmsplitLoad(bytes);        // the .wasm file's bytes
 *   const r = vm.run(["-m", "1G", "vmalloc=256M"]);   // memlayout's arguments
 *   r.status, r.out, r.err, r.svg, r.ms          // exit status, stdout, stderr, picture, time
 *
 * A device tree goes in as vm.run(["--dtb", "NAME", ...], blobBytes), a
 * boot log as vm.run(["--from-dmesg", "NAME"], textBytes): the module's
 * one file, whatever name the arguments give it.
 */
(function (root) {
	"use strict";

	// The module was built against wasi-libc.  memlayout's run writes its
	// stdout, stderr and SVG to memory streams and reads its one file (the
	// device tree, or the boot log of --from-dmesg) from a buffer, so the
	// page has no file system: every descriptor call answers EBADF, as for
	// a closed descriptor (which also tells wasi-libc there are no
	// preopened directories), and opening a path answers ENOENT.
	const EBADF = 8, ENOENT = 44;
	const wasiImports = {
		wasi_snapshot_preview1: {
			fd_close: () => EBADF,
			fd_fdstat_get: () => EBADF,
			fd_fdstat_set_flags: () => EBADF,
			fd_prestat_get: () => EBADF,
			fd_prestat_dir_name: () => EBADF,
			fd_read: () => EBADF,
			fd_seek: () => EBADF,
			fd_write: () => EBADF,
			path_open: () => ENOENT,
			proc_exit: (code) => { throw new Error("the module exited (" + code + ")"); },
		},
	};

	const encoder = new TextEncoder();
	const decoder = new TextDecoder();
	const now = (typeof performance !== "undefined") ? () => performance.now() : () => Date.now();

	function bytesOfBase64(b64) {
		if (typeof atob === "function") {
			const bin = atob(b64);
			const out = new Uint8Array(bin.length);
			for (let i = 0; i < bin.length; i++)
				out[i] = bin.charCodeAt(i);
			return out;
		}
		return new Uint8Array(Buffer.from(b64, "base64"));
	}

	async function vmsplitLoad(bytes) {
		const { instance } = await WebAssembly.instantiate(bytes, wasiImports);
		const x = instance.exports;
		x._initialize();	// wasi-libc's reactor start: static constructors

		const cString = (ptr) => {
			const mem = new Uint8Array(x.memory.buffer);
			let end = ptr;
			while (mem[end])
				end++;
			return decoder.decode(mem.subarray(ptr, end));
		};

		function run(args, dtb) {
			const parts = args.map((a) => encoder.encode(String(a)));
			const total = parts.reduce((n, p) => n + p.length + 1, 0);
			if (total > x.web_args_size())
				throw new Error("vmsplit: the arguments are longer than " + x.web_args_size() + " bytes");
			let mem = new Uint8Array(x.memory.buffer);
			let at = x.web_args();
			for (const p of parts) {
				mem.set(p, at);
				mem[at + p.length] = 0;
				at += p.length + 1;
			}
			let dtbLen = 0;
			if (dtb) {
				if (dtb.length > x.web_dtb_size())
					throw new Error("vmsplit: the file (a device tree or a boot log) is larger than " +
						x.web_dtb_size() + " bytes");
				mem.set(dtb, x.web_dtb());
				dtbLen = dtb.length;
			}
			const t0 = now();
			const status = x.web_run(parts.length, dtbLen);
			const ms = now() - t0;
			return { status, ms, out: cString(x.web_out()), err: cString(x.web_err()), svg: cString(x.web_svg()) };
		}

		const eras = [];
		for (let i = 0; i < x.web_nr_rules(); i++)
			eras.push({ name: cString(x.web_rules_name(i)), versions: cString(x.web_rules_versions(i)) });

		// Its boards (--board NAME), each with where its RAM starts.
		const boards = [];
		for (let i = 0; i < x.web_nr_boards(); i++)
			boards.push({ name: cString(x.web_board_name(i)), ramBase: Number(x.web_board_ram_base(i)) });

		const splits = [];
		for (let i = 0; cString(x.web_split_name(i)); i++)
			splits.push(cString(x.web_split_name(i)));

		return { run, eras, boards, splits, defaultEra: cString(x.web_default_rules()), exports: x };
	}

	root.vmsplitLoad = vmsplitLoad;
	root.vmsplitBytesOfBase64 = bytesOfBase64;
	if (typeof module !== "undefined" && module.exports)
		module.exports = { vmsplitLoad, bytesOfBase64 };
})(typeof globalThis !== "undefined" ? globalThis : this);
