'use strict';
// The harness of the DAP suite: one `lindbg --dap` per case, driven by the
// DebugClient that VS Code adapters are tested with. Every message both
// ways is kept, so that a failing case can print the end of the
// conversation and the adapter's standard error.
const assert = require('assert');
const cp = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const { ProtocolClient } = require('@vscode/debugadapter-testsupport/lib/protocolClient');

const ROOT = process.env.ROOT || path.resolve(__dirname, '../..');
const LINDBG = process.env.LINDBG || path.join(ROOT, 'build/lindbg');
const FX = process.env.FX || path.join(ROOT, 'build/fixtures');
const PROG = path.join(FX, 'fx_dap');
const SRC = path.join(ROOT, 'tests/fixtures/fx_dap.c');
const PLUGIN_SRC = path.join(ROOT, 'tests/fixtures/plugin/fx_plugin.c');

// The line of the marker comment `@name` in the fixture's source.
function lineOf(marker, file = SRC) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const re = marker instanceof RegExp ? marker : new RegExp('@' + marker + '\\b');
    const i = lines.findIndex((l) => re.test(l));
    if (i < 0) throw new Error(`no marker ${marker} in ${file}`);
    return i + 1;
}

// A number as a debugger may write it: 5, 0n5, 0x5, "int 0n5", "0x5 <sym>",
// WinDbg's 0x00005555`555580c0.
function num(s) {
    const m = /(-?)\b(0x[0-9a-f]+|0n\d+|\d+)\b/i.exec(String(s).replace(/([0-9a-f])`([0-9a-f])/gi, '$1$2'));
    if (!m) return NaN;
    const t = m[2];
    const v = /^0x/i.test(t) ? parseInt(t, 16) : /^0n/i.test(t) ? parseInt(t.slice(2), 10) : parseInt(t, 10);
    return m[1] ? -v : v;
}

// A variable's name without the decorations some adapters add: ".x",
// "->x", "[3]" -> "3".
function bareName(n) {
    return String(n).replace(/^(\.|->)/, '').replace(/^\[(\d+)\]$/, '$1');
}

function clip(s, n = 600) {
    s = String(s);
    return s.length > n ? s.slice(0, n) + `... (${s.length} chars)` : s;
}

// Whether something listens on 127.0.0.1:port (without connecting: the
// adapter takes one client).
function listening(port) {
    const hex = ':' + port.toString(16).toUpperCase().padStart(4, '0');
    return fs
        .readFileSync('/proc/net/tcp', 'utf8')
        .split('\n')
        .some((l) => {
            const f = l.trim().split(/\s+/);
            return f[1] && f[1].endsWith(hex) && f[3] === '0A';
        });
}

// A port nobody listens on now.
function freePort() {
    return new Promise((res, rej) => {
        const srv = net.createServer();
        srv.on('error', rej);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => res(port));
        });
    });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class Session {
    constructor(name) {
        this.name = name;
        this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lindbg-dap-'));
        this.trace = [];
        this.events = []; // every event, in order
        this.taken = {}; // event type -> how many next() consumed
        this.orphans = []; // responses to no request of ours (malformed input)
        this.problems = []; // protocol faults seen on the way
        this.wakers = [];
        this.stderr = '';
        this.exit = null; // {code, signal} once the adapter ended
        this.pids = []; // debuggees to kill if the case ends early
        this.lastSeq = 0;
        this.disconnected = false;
    }

    log(line) {
        this.trace.push(clip(line));
        if (this.trace.length > 400) this.trace.splice(0, 100);
    }

    wake() {
        const w = this.wakers;
        this.wakers = [];
        w.forEach((f) => f());
    }

    // The adapter, on its standard input and output, or (port) listening
    // on 127.0.0.1:port for the client, as `lindbg --dap --port N`.
    async start(opts = {}) {
        let dc;
        if (opts.port) {
            this.watch(cp.spawn(LINDBG, ['--dap', '--port', String(opts.port)], { cwd: this.dir, env: process.env }));
            this.proc.stdout.on('data', (d) => (this.stderr += d.toString()));
            await this.waitFor(() => (listening(opts.port) ? true : undefined), 10000, `lindbg to listen on port ${opts.port}`);
            dc = new DebugClient(LINDBG, '', 'lindbg');
            await dc.start(opts.port);
            dc._socket.on('error', (e) => this.log('socket: ' + e.message));
        } else {
            // DAP_RUNTIME: another adapter (e.g. lldb-vscode-16), to check the suite itself
            dc = process.env.DAP_RUNTIME
                ? new DebugClient(process.env.DAP_RUNTIME, process.env.DAP_ARG || '', 'lindbg', { cwd: this.dir, env: process.env })
                : new DebugClient(LINDBG, '--dap', 'lindbg', { cwd: this.dir, env: process.env });
            await dc.start();
            this.watch(dc._adapterProcess);
            this.proc.stdin.on('error', (e) => this.log('stdin: ' + e.message));
        }
        this.dc = dc;
        dc.dispatch = (body) => {
            this.log('<- ' + body);
            let msg;
            try {
                msg = JSON.parse(body);
            } catch (e) {
                this.problems.push('the adapter sent a message that is not JSON: ' + clip(body, 200));
                return;
            }
            if (typeof msg.seq !== 'number' || msg.seq <= this.lastSeq) {
                if (!this.badSeq) this.problems.push(`message seq ${msg.seq} after ${this.lastSeq}: ${clip(body, 200)}`);
                this.badSeq = true;
            } else this.lastSeq = msg.seq;
            if (msg.type === 'event') this.events.push(msg);
            else if (msg.type === 'response' && !dc.pendingRequests.has(msg.request_seq)) this.orphans.push(msg);
            ProtocolClient.prototype.dispatch.call(dc, body);
            this.wake();
        };
        const doSend = dc.doSend.bind(dc);
        dc.doSend = (command, args, clb) => {
            this.log(`-> ${command} ${JSON.stringify(args || {})}`);
            doSend(command, args, clb);
        };
    }

    // The adapter's process: its standard error and its end are kept.
    watch(proc) {
        this.proc = proc;
        proc.stderr.on('data', (d) => {
            this.stderr += d.toString();
            if (this.stderr.length > 200000) this.stderr = this.stderr.slice(-100000);
        });
        proc.on('exit', (code, signal) => {
            this.exit = { code, signal };
            this.log(`adapter exited: code ${code} signal ${signal}`);
            this.wake();
        });
    }

    // Waits until check() returns something other than undefined.
    async waitFor(check, timeout, what) {
        const deadline = Date.now() + timeout;
        for (;;) {
            const r = check();
            if (r !== undefined) return r;
            if (this.exit) throw new Error(`adapter exited (code ${this.exit.code}, signal ${this.exit.signal}) while waiting for ${what}`);
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`nothing after ${timeout} ms: waiting for ${what}`);
            await new Promise((res) => {
                const tm = setTimeout(res, Math.min(left, 50)); // some checks look outside the messages
                this.wakers.push(() => {
                    clearTimeout(tm);
                    res();
                });
            });
        }
    }

    // The response to a request, whether it succeeded or not.
    raw(command, args, timeout = 15000) {
        return this.waitForResponse(command, args, timeout);
    }

    waitForResponse(command, args, timeout) {
        let resp;
        this.dc.doSend(command, args, (r) => {
            resp = r;
            this.wake();
        });
        return this.waitFor(() => resp, timeout, `the response to ${command}`);
    }

    // A request that must succeed: its response.
    async req(command, args, timeout = 15000) {
        const r = await this.raw(command, args, timeout);
        if (!r.success) throw new Error(`${command} ${JSON.stringify(args || {})} failed: ${r.message} ${JSON.stringify(r.body || {})}`);
        return r;
    }

    // A request that must fail: its error message.
    async refused(command, args, timeout = 15000) {
        const r = await this.raw(command, args, timeout);
        assert.strictEqual(r.success, false, `${command} should be refused, got ${clip(JSON.stringify(r), 300)}`);
        const msg = r.message || (r.body && r.body.error && r.body.error.format) || '';
        assert.ok(msg.length > 0, `${command}: the error response says nothing`);
        return msg;
    }

    // The next event of this type not taken yet.
    event(type, timeout = 15000) {
        return this.waitFor(
            () => {
                const all = this.events.filter((e) => e.event === type);
                const k = this.taken[type] || 0;
                if (all.length > k) {
                    this.taken[type] = k + 1;
                    return all[k];
                }
                return undefined;
            },
            timeout,
            `event '${type}'`
        );
    }

    eventsOf(type) {
        return this.events.filter((e) => e.event === type);
    }

    // All the output of this category so far.
    output(category) {
        return this.eventsOf('output')
            .filter((e) => (e.body.category || 'console') === category)
            .map((e) => e.body.output)
            .join('');
    }

    waitOutput(category, re, timeout = 15000) {
        return this.waitFor(
            () => {
                const m = re.exec(this.output(category));
                return m || undefined;
            },
            timeout,
            `${category} output matching ${re}`
        );
    }

    // The next stopped event, of this reason (a string or a RegExp).
    async stopped(reason, timeout = 15000) {
        const e = await this.event('stopped', timeout);
        const ok = reason instanceof RegExp ? reason.test(e.body.reason) : e.body.reason === reason;
        assert.ok(ok, `stopped with reason '${e.body.reason}', expected ${reason}: ${JSON.stringify(e.body)}`);
        return e.body;
    }

    // The debuggee's pid, as the `process` event says (killed if the case
    // ends early).
    async pid() {
        const e = await this.event('process');
        const pid = e.body.systemProcessId;
        assert.ok(pid > 0, `process event without systemProcessId: ${JSON.stringify(e.body)}`);
        if (!this.pids.includes(pid)) this.pids.push(pid);
        return pid;
    }

    async frames(threadId, levels = 20) {
        const r = await this.req('stackTrace', { threadId, startFrame: 0, levels });
        return r.body.stackFrames;
    }

    async top(threadId) {
        return (await this.frames(threadId, 1))[0];
    }

    async vars(ref) {
        assert.ok(ref > 0, `variablesReference ${ref} cannot be expanded`);
        return (await this.req('variables', { variablesReference: ref })).body.variables;
    }

    // The scope of this presentation hint ('locals', 'arguments',
    // 'registers') or whose name matches re.
    async scope(frameId, hint, re) {
        const scopes = (await this.req('scopes', { frameId })).body.scopes;
        const s = scopes.find((x) => x.presentationHint === hint) || scopes.find((x) => re.test(x.name));
        assert.ok(s, `no ${hint} scope in ${JSON.stringify(scopes)}`);
        return s;
    }

    async repl(expression, frameId) {
        const args = { expression, context: 'repl' };
        if (frameId !== undefined) args.frameId = frameId;
        return (await this.req('evaluate', args)).body.result;
    }

    // The adapter started and `initialize` answered: its capabilities.
    async init() {
        if (!this.dc) await this.start();
        const init = await this.req('initialize', {
            clientID: 'lindbg-tests',
            adapterID: 'lindbg',
            linesStartAt1: true,
            columnsStartAt1: true,
            pathFormat: 'path',
            supportsVariableType: true,
            supportsMemoryReferences: true,
            supportsRunInTerminalRequest: false,
        });
        this.caps = init.body || {};
        return this.caps;
    }

    // launch (or attach), then the configuration as a client does it:
    // configure() sets breakpoints between `initialized` and
    // configurationDone; the launch response may come before or after.
    async configureTarget(command, args, configure) {
        let answer;
        this.dc.doSend(command, args, (r) => {
            answer = r;
            this.wake();
        });
        await this.event('initialized');
        if (configure) await configure();
        await this.req('configurationDone', {});
        const r = await this.waitFor(() => answer, 15000, `the response to ${command}`);
        assert.ok(r.success, `${command} failed: ${r.message}`);
    }

    async launch(args, opts = {}) {
        if (!this.caps) await this.init();
        const launchArgs = { program: opts.program || PROG, args, cwd: this.dir, stopOnEntry: !!opts.stopOnEntry };
        if (opts.env) launchArgs.env = opts.env;
        await this.configureTarget('launch', launchArgs, opts.configure);
    }

    async setLines(file, bps) {
        const r = await this.req('setBreakpoints', { source: { path: file }, breakpoints: bps, lines: bps.map((b) => b.line) });
        return r.body.breakpoints;
    }

    // Continue; the next event of interest is the caller's to wait for.
    async cont(threadId) {
        await this.req('continue', { threadId });
    }

    async expectExit(code = 0, timeout = 20000) {
        const e = await this.event('exited', timeout);
        assert.strictEqual(e.body.exitCode, code, `exit code ${e.body.exitCode}, expected ${code}`);
        await this.event('terminated', timeout);
    }

    async disconnect(args = {}) {
        this.disconnected = true;
        return this.req('disconnect', args);
    }

    // The end of a case: the adapter must go away by itself after
    // `disconnect`, with status 0 (no sanitizer report, no crash).
    async finish() {
        const faults = [];
        if (!this.exit && !this.disconnected) {
            try {
                await this.req('disconnect', { terminateDebuggee: true }, 10000);
            } catch (e) {
                faults.push('disconnect at the end: ' + e.message);
            }
        }
        try {
            await this.waitFor(() => this.exit || undefined, 10000, 'the adapter to exit after disconnect');
            if (this.exit.code !== 0) faults.push(`the adapter exited with code ${this.exit.code} signal ${this.exit.signal}`);
        } catch (e) {
            faults.push(e.message);
            this.proc.kill('SIGKILL');
        }
        if (this.dc._socket) this.dc._socket.destroy();
        for (const pid of this.pids) {
            try {
                process.kill(pid, 'SIGKILL');
            } catch (e) {
                /* gone already */
            }
        }
        if (this.problems.length) faults.push(...this.problems);
        fs.rmSync(this.dir, { recursive: true, force: true });
        return faults;
    }

    report() {
        const lines = ['--- last messages:', ...this.trace.slice(-40)];
        if (this.stderr.trim()) lines.push('--- adapter stderr (end):', this.stderr.trim().split('\n').slice(-25).join('\n'));
        return lines.join('\n');
    }
}

// The state letter of a process in /proc (R S D t T Z), or null if gone.
function procState(pid) {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch (e) {
        return null;
    }
}

async function assertGone(pid, timeout = 5000) {
    const deadline = Date.now() + timeout;
    for (;;) {
        const st = procState(pid);
        if (st === null || st === 'Z' || st === 'X') return;
        if (Date.now() > deadline) assert.fail(`debuggee ${pid} still there (state ${st}) after disconnect`);
        await sleep(50);
    }
}

module.exports = { Session, freePort, lineOf, num, bareName, sleep, procState, assertGone, clip, ROOT, LINDBG, FX, PROG, SRC, PLUGIN_SRC };
