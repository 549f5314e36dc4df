# healthauth: `make demo` runs the demo, `make test` runs every test.
# Both install what they need (Rust targets, the pinned wasm-bindgen CLI, npm packages) and skip
# what is already there. Toolchain facts behind these choices: ../shared/TOOLCHAIN.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

WASM_BINDGEN_VERSION := 0.2.130
WASM_TARGET := wasm32-unknown-unknown
WASM_OUT := target/$(WASM_TARGET)/release/healthauth_wasm.wasm
CONSUMER := target/js-consumer
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CARGO_TERM_COLOR ?= never

.PHONY: help demo test tools pkg pkg-lite component pyenv node22 lint test-rust test-js test-component consumer bench size fuzz clean

help:
	@echo "make demo   build the package, start a local OAuth/OpenID/SMART server and the demo on 127.0.0.1 (PORT=8787)"
	@echo "make test   run every test (Rust; the npm package in Node 20 and 22, workerd, Deno, Bun, Chromium; Vite, webpack and esbuild builds; the TypeScript matrix; publint and attw; the WIT component)"

## Tools ---------------------------------------------------------------------------------------

tools:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@rustup target list --installed | grep -qx wasm32-wasip2 || rustup target add wasm32-wasip2
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 3 minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi
	@command -v chromium > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null; }
	@command -v redis-server > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server > /dev/null; }
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund; \
	fi

## The npm package -----------------------------------------------------------------------------

# One build serves every runtime: wasm-bindgen's bundler-style glue (its _bg.js, shipped as
# dist/healthauth.js), which each entry in pkg/ hands the instance it compiled (pkg/load.js).
# Its declarations (dist/healthauth.d.ts) are generated from the TypeScript written next to each
# binding in bindings/wasm/src/; pkg/index.d.ts re-exports the public ones.
# wasm-bindgen's class check (a string where a SigningKey is due) throws a plain Error: every
# thrown value of the package has a code, so it becomes ERR_INVALID_ARGUMENT, the class named at
# each call (bundlers rename classes: `_SigningKey`). Applied to each entry's glue.
define code_class_check
	sed -i -e 's/_assertClass(\([A-Za-z0-9_]*\), \([A-Za-z]*\));/_assertClass(\1, \2, "\2");/' \
	  -e 's/^function _assertClass(instance, klass) {/function _assertClass(instance, klass, name) {/' \
	  -e 's/throw new Error(`expected instance of $${klass.name}`);/throw new HealthAuthError("ERR_INVALID_ARGUMENT", `expected a $${name} (made by $${name}.fromPem, .fromJwk and the like), got $${instance === null ? "null" : typeof instance}`);/' \
	  $(1)
	@! grep -nE 'expected instance of|_assertClass\([^,]+, [A-Za-z]+\);' $(1) \
	  || { echo "$(1): the class check above is still uncoded or unnamed"; exit 1; }
endef

# Few JS modules per entry: Node loads each ES module on its own (about 1 ms apiece, a third
# of an import measured by `make bench`), so each entry of pkg/ (and of pkg/lite/) ships its
# JS layer bundled into <entry>.bundle.js beside it, the file package.json's exports name.
# Three modules stay their own, shared with the package's other files: errors.js (one
# HealthAuthError class for every entry), load.js (the started instance) and the glue; the
# .wasm stays a file. Measured: 4 modules load as fast as 1.
BUNDLED := node workerd browser
define bundle_entries
	cd pkg && for e in $(BUNDLED); do \
	  esbuild $(1)$$e.js --bundle --format=esm --platform=neutral --log-level=warning \
	    --external:./errors.js --external:./load.js --external:./dist/healthauth.js \
	    --external:'*.wasm' --external:'node:*' --outfile=$(1)$$e.bundle.js || exit 1; \
	done
endef

pkg: tools
	cargo build -p healthauth-wasm --lib --release --locked --target $(WASM_TARGET)
	wasm-bindgen --target bundler --out-dir target/bindgen --out-name healthauth \
	  --remove-name-section --remove-producers-section $(WASM_OUT)
	mkdir -p pkg/dist
	cp target/bindgen/healthauth_bg.js pkg/dist/healthauth.js
	$(call code_class_check,pkg/dist/healthauth.js)
	cp target/bindgen/healthauth.d.ts pkg/dist/healthauth.d.ts
	cp target/bindgen/healthauth_bg.wasm pkg/dist/healthauth_bg.wasm
	cp README.md LICENSE-MIT LICENSE-APACHE pkg/
	$(call bundle_entries,)
	@echo "pkg/dist/healthauth_bg.wasm: $$(wc -c < pkg/dist/healthauth_bg.wasm) bytes, $$(gzip -9c pkg/dist/healthauth_bg.wasm | wc -c) gzipped"
	$(MAKE) --no-print-directory pkg-lite

# healthauth/lite: the same core without its `asymmetric` feature (no RSA, ECDSA, Ed25519), the
# same bindings, built with the size-tuned `lite` profile (Cargo.toml). Its entries are the shared pkg/*.js, copied beside their own glue in pkg/lite/
# so that the lite module has its own glue instance (importing both entries in one program
# gives two independent wasm instances); pkg/lite/errors.js and body.js re-export the shared
# ones, so one HealthAuthError class serves both entries.
LITE_JS := api jose oauth webhook token-client discovery remote-jwks stores load instantiate node workerd browser
pkg-lite: tools
	cargo build -p healthauth-wasm --lib --profile lite --locked --no-default-features --target $(WASM_TARGET)
	wasm-bindgen --target bundler --out-dir target/bindgen-lite --out-name healthauth \
	  --remove-name-section --remove-producers-section target/$(WASM_TARGET)/lite/healthauth_wasm.wasm
	mkdir -p pkg/lite/dist
	for f in $(LITE_JS); do cp pkg/$$f.js pkg/lite/$$f.js; done
	cp target/bindgen-lite/healthauth_bg.js pkg/lite/dist/healthauth.js
	$(call code_class_check,pkg/lite/dist/healthauth.js)
	cp target/bindgen-lite/healthauth_bg.wasm pkg/lite/dist/healthauth_bg.wasm
	$(call bundle_entries,lite/)
	@echo "pkg/lite/dist/healthauth_bg.wasm: $$(wc -c < pkg/lite/dist/healthauth_bg.wasm) bytes, $$(gzip -9c pkg/lite/dist/healthauth_bg.wasm | wc -c) gzipped"

# The WebAssembly component (wit/healthauth.wit), validated and transpiled by jco for the test
# host. jco is pinned but kept out of package-lock.json: the registry mirror lacks some of its
# other-platform binaries, and `npm ci` refuses a lockfile without them; a plain install into
# target/jco tolerates that. `jco wit` reads the component back (validating it) and must find
# the interfaces the world exports.
JCO := target/jco/node_modules/.bin/jco
COMPONENT := target/component/healthauth.wasm
COMPONENT_INTERFACES := types pkce jose discovery smart webhook oauth providers net
component: tools
	cargo build -p healthauth-component --release --locked --target wasm32-wasip2
	mkdir -p $(dir $(COMPONENT))
	cp target/wasm32-wasip2/release/healthauth_component.wasm $(COMPONENT)
	@[ -x $(JCO) ] || npm install --prefix target/jco --no-audit --no-fund --no-save --silent \
	  @bytecodealliance/jco@1.35.0 @bytecodealliance/preview2-shim@0.26.1
	$(JCO) wit $(COMPONENT) > target/component/healthauth.wit
	@for i in $(COMPONENT_INTERFACES); do \
	  grep -q "export healthauth:auth/$$i@" target/component/healthauth.wit \
	    || { echo "$(COMPONENT) does not export healthauth:auth/$$i"; exit 1; }; \
	done
	rm -rf target/jco/component-js
	$(JCO) transpile $(COMPONENT) \
	  -o target/jco/component-js --name healthauth --quiet
	@echo "$(COMPONENT): $$(wc -c < $(COMPONENT)) bytes, valid, exports $(COMPONENT_INTERFACES)"

# The second component host: Python's `wasmtime` (PyPI, the engine bundled), pinned, in a
# virtual environment under target/.
PYENV := target/pyenv
WASMTIME_PY := 50.0.1
pyenv:
	@[ -x $(PYENV)/bin/python ] || python3 -m venv $(PYENV)
	@[ "$$($(PYENV)/bin/python -c 'import importlib.metadata as m; print(m.version("wasmtime"))' 2>/dev/null)" = "$(WASMTIME_PY)" ] \
	  || $(PYENV)/bin/pip install --quiet --disable-pip-version-check wasmtime==$(WASMTIME_PY)

# The tests use the package as users get it: packed, installed into a fresh folder, imported by name.
consumer: pkg
	rm -rf $(CONSUMER) && mkdir -p $(CONSUMER)
	npm pack ./pkg --pack-destination $(CONSUMER) --silent > /dev/null
	echo '{ "private": true, "type": "module" }' > $(CONSUMER)/package.json
	cd $(CONSUMER) && npm install --no-audit --no-fund --no-save --silent ./healthauth-*.tgz
	cp -r tests/js $(CONSUMER)/tests
	node tests/js/cases-bundle.js tests/cases $(CONSUMER)/tests/suites/cases.data.js
	cp -r examples $(CONSUMER)/examples

## Tests ---------------------------------------------------------------------------------------

test: lint test-rust test-js test-component

lint: tools
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cargo clippy --locked -p healthauth-wasm --lib --target $(WASM_TARGET) -- -D warnings
	cargo clippy --locked -p healthauth-wasm --lib --no-default-features --target $(WASM_TARGET) -- -D warnings
	cargo clippy --locked -p healthauth --no-default-features --lib --test lite -- -D warnings
	cargo clippy --locked -p healthauth-component --lib --target wasm32-wasip2 -- -D warnings

test-rust:
	cargo test --locked --workspace
	cargo test --locked -p healthauth --no-default-features --test lite

# A second Node for the runtime matrix, out of package-lock.json: the npm `node` package would put
# its binary first on this Makefile's PATH (node_modules/.bin) and replace Node 20 everywhere.
NODE22_DIR := target/node22
NODE22 := $(CURDIR)/$(NODE22_DIR)/node_modules/.bin/node
NODE22_VERSION := 22.23.3
node22:
	@[ -x $(NODE22) ] && [ "$$($(NODE22) --version)" = "v$(NODE22_VERSION)" ] \
	  || npm install --prefix $(NODE22_DIR) --no-audit --no-fund --no-save --silent node@$(NODE22_VERSION)

test-js: consumer node22
	@echo "== JS suite in Node (ESM and CJS) =="
	cd $(CONSUMER)/tests && node --test node.test.js cjs.test.cjs types.test.js node/
	@echo "node-esm: pass"; echo "node-cjs: pass"; echo "types: pass"
	@# Both ran in node/ above: the CLI from the installed tarball's bin, the example Worker in workerd.
	@echo "cli: pass (node/cli.test.js)"
	@echo "worker-e2e: pass (node/worker-example.test.js)"
	@echo "== healthauth/lite in Node (the shared suite, asymmetric tests skipped by name) =="
	cd $(CONSUMER)/tests && node --test lite.test.js
	@echo "node-lite: pass"
	@echo "== JS suite in workerd (healthauth, then healthauth/lite in the same workerd) =="
	cd $(CONSUMER)/tests && node --test workerd.test.js
	@echo "workerd: pass"; echo "workerd-lite: pass"
	@echo "== Malformed-input battery (10 000 adversarial calls) in Node and workerd =="
	cd $(CONSUMER)/tests && node --test malformed-node.test.js
	@echo "malformed-node: pass"
	cd $(CONSUMER)/tests && node --test malformed-workerd.test.js
	@echo "malformed-workerd: pass"
	@echo "== JS suite in Deno and Bun, healthauth then healthauth/lite in one process (their npm packages carry the binaries) =="
	cd $(CONSUMER)/tests && $(CURDIR)/node_modules/.bin/deno run --allow-read --allow-env runtime.js
	@echo "deno: pass"; echo "deno-lite: pass"
	cd $(CONSUMER)/tests && $(CURDIR)/node_modules/.bin/bun run runtime.js
	@echo "bun: pass"; echo "bun-lite: pass"
	@echo "== JS suite in headless Chromium (healthauth, then healthauth/lite on the same page) =="
	cd $(CONSUMER)/tests && node --test browser.test.js
	@echo "chromium: pass"; echo "chromium-lite: pass"
	@echo "== The demo in Chromium: login flow against its local provider, every panel (screenshots in target/screenshots/) =="
	cd $(CONSUMER)/tests && node --test demo.test.js
	@echo "demo: pass"
	@echo "== Stores shared by processes: Redis, a Durable Object in workerd, Deno KV =="
	cd $(CONSUMER)/tests && node --test stores/redis.test.js
	@echo "redis: pass"
	cd $(CONSUMER)/tests && node --test stores/durable-object.test.js
	@echo "durable-object: pass"
	cd $(CONSUMER)/tests && node --test stores/deno-kv.test.js
	@echo "deno-kv: pass"
	@echo "== The Node suite again under Node 22 (npm node@22, cached in $(NODE22_DIR)) =="
	cd $(CONSUMER)/tests && $(NODE22) --test node.test.js cjs.test.cjs types.test.js node/*.test.js
	@echo "node22: pass ($$($(NODE22) --version))"
	@echo "== JS suite in workerd with nodejs_compat =="
	cd $(CONSUMER)/tests && node --test workerd-nodejs-compat.test.js
	@echo "workerd-nodejs-compat: pass"
	@echo "== The README's Serving the .wasm, built by Vite, webpack and esbuild, run in Chromium and Node =="
	cd $(CONSUMER)/tests && node --test bundlers/bundlers.test.js matrix/support-matrix.test.js
	@echo "vite-chromium: pass"; echo "webpack-chromium: pass"; echo "esbuild-chromium: pass"; echo "esbuild-node: pass"
	@echo "== Types: TypeScript 5.9, 6.0, 7.0 x module resolutions x hosts, over the packed package =="
	cd $(CONSUMER)/tests && node matrix/types-matrix.js
	@echo "== The tarball, linted: publint, and attw under the esm-only profile (README, Support matrix) =="
	publint run $(CONSUMER)/healthauth-*.tgz --strict
	@echo "publint: pass"
	attw $(CONSUMER)/healthauth-*.tgz --profile esm-only --no-emoji --no-color
	@echo "attw: pass"

test-component: component pyenv
	@echo "== The WebAssembly component in jco: cross-checks, and the shared cases =="
	node --test --test-reporter=spec tests/component/
	@echo "component-jco: pass"
	@echo "== The WebAssembly component in wasmtime (Python): the shared cases, and the README's Python block =="
	$(PYENV)/bin/python tests/component/cases_wasmtime.py
	@echo "component-wasmtime: pass"
	$(PYENV)/bin/python tests/component/malformed_wasmtime.py
	@echo "component-malformed: pass"

## Benchmark (numbers for BENCHMARKS.md) ---------------------------------------------------------

# One process side by side with the peers (cold starts in fresh processes); regenerates the
# generated part of BENCHMARKS.md and bench/chart.svg. BENCH_ARGS=--quick for a short run.
BENCH_ARGS ?=
bench: consumer
	cp bench/run.js $(CONSUMER)/bench.js
	cp bench/notes.json $(CONSUMER)/bench-notes.json
	cd $(CONSUMER) && node bench.js --out $(CURDIR)/BENCHMARKS.md --chart $(CURDIR)/bench/chart.svg $(BENCH_ARGS)

## Size (budgets in tests/js/size-budget.json, enforced by the size tests in `make test`) ------

# Raw and gzip size of every shipped .wasm, the sections of the npm package's, and with twiggy
# (optional: `cargo install twiggy`) what each capability costs.
size: pkg component
	node bench/size.js

## Fuzzing (nightly + cargo-fuzz; not part of `make test`) ---------------------------------------

FUZZ_SECONDS ?= 60
# One target per core module that parses untrusted input (fuzz/fuzz_targets/). New inputs go
# to fuzz/target/corpus/ so the committed seeds (fuzz/corpus/, from fuzz/seeds.py) stay small.
FUZZ_TARGETS = pem jwk jwt id_token dpop webhook redox callback response endpoints discovery scopes net providers

fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --version 0.13.2
	cd fuzz && for target in $(FUZZ_TARGETS); do \
	  mkdir -p target/corpus/$$target && \
	  cargo +nightly fuzz run --debug-assertions $$target target/corpus/$$target corpus/$$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 || exit 1; \
	done

## Demo ----------------------------------------------------------------------------------------

# The demo app (PORT, default 8787) and its local authorization server (oidc-provider, a free
# port), both on 127.0.0.1; the app's server side runs the built package (pkg/). Ctrl-C stops both.
demo: pkg
	node www/serve.js

clean:
	cargo clean
	rm -rf pkg/dist pkg/*.bundle.js pkg/lite/dist pkg/lite/*.bundle.js node_modules
