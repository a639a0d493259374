'use strict';
// Cases about running and stopping: the session's life, breakpoints of
// every kind, stepping, pause, attach and disconnect.
const assert = require('assert');
const cp = require('child_process');
const fs = require('fs');
const { lineOf, num, bareName, sleep, procState, assertGone, PROG, SRC, PLUGIN_SRC } = require('./harness');

const endsWith = (p, tail) => typeof p === 'string' && p.endsWith(tail);

// What the client learns of the thread (and so the process) a stop is in.
async function stopThread(s, reason) {
    const st = await s.stopped(reason);
    assert.ok(st.threadId > 0, `stopped without a threadId: ${JSON.stringify(st)}`);
    if (!s.pids.includes(st.threadId) && s.pids.length === 0) s.pids.push(st.threadId);
    return st;
}

// The executable mappings of a process, and the bytes of its program's.
function codeOf(pid, prog) {
    const maps = fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n').filter((l) => /^\S+ ..x/.test(l));
    const fd = fs.openSync(`/proc/${pid}/mem`, 'r');
    const bytes = [];
    for (const l of maps.filter((m) => m.endsWith(prog))) {
        const [a, b] = l.split(' ')[0].split('-').map((h) => parseInt(h, 16));
        const buf = Buffer.alloc(b - a);
        fs.readSync(fd, buf, 0, b - a, a);
        bytes.push(buf);
    }
    fs.closeSync(fd);
    return { maps, bytes: Buffer.concat(bytes) };
}

module.exports = [
    {
        name: 'dap_request_before_initialize',
        fn: async (s) => {
            await s.start();
            await s.refused('threads', {});
            await s.refused('launch', { program: PROG, args: ['loop', '3'] });
            const caps = await s.init();
            // honest capabilities: what the issue asks for is announced
            for (const k of [
                'supportsConfigurationDoneRequest',
                'supportsConditionalBreakpoints',
                'supportsHitConditionalBreakpoints',
                'supportsLogPoints',
                'supportsFunctionBreakpoints',
                'supportsInstructionBreakpoints',
                'supportsDataBreakpoints',
                'supportsSetVariable',
                'supportsDisassembleRequest',
                'supportsReadMemoryRequest',
                'supportsWriteMemoryRequest',
                'supportsModulesRequest',
                'supportsLoadedSourcesRequest',
                'supportsRestartRequest',
                'supportsTerminateRequest',
                'supportTerminateDebuggee',
            ])
                assert.strictEqual(caps[k], true, `capability ${k} is ${caps[k]}`);
            assert.ok(!caps.supportsStepBack, 'supportsStepBack announced');
            assert.ok(Array.isArray(caps.exceptionBreakpointFilters), 'no exceptionBreakpointFilters');
        },
    },
    {
        name: 'dap_launch_stop_on_entry',
        fn: async (s) => {
            await s.launch(['loop', '3'], { stopOnEntry: true });
            const st = await stopThread(s, 'entry');
            const th = (await s.req('threads')).body.threads;
            assert.ok(th.some((t) => t.id === st.threadId), `threads ${JSON.stringify(th)} lack ${st.threadId}`);
            assert.strictEqual(s.output('stdout'), '', 'the program wrote before it ran');
            await s.cont(st.threadId);
            await s.expectExit(0);
            await s.waitOutput('stdout', /fx_dap: sum=213\n/);
            assert.strictEqual(s.output('stdout'), 'fx_dap: sum=213\n');
        },
    },
    {
        name: 'dap_launch_args_cwd_env',
        fn: async (s) => {
            await s.launch(['env', 'a b', '', '"q"'], { env: { FX_DAP_GREETING: 'hello world' } });
            await s.expectExit(0);
            const m = await s.waitOutput('stdout', /fx_dap: argv=(.*) cwd=(.*) greeting=(.*)\n/);
            assert.deepStrictEqual([m[1], m[2], m[3]], ['[a b][]["q"]', fs.realpathSync(s.dir), 'hello world']);
        },
    },
    {
        // a number in env is written as JSON writes it, not dropped
        name: 'dap_launch_env_number',
        fn: async (s) => {
            await s.launch(['env'], { env: { FX_DAP_GREETING: 42 } });
            await s.expectExit(0);
            const m = await s.waitOutput('stdout', /greeting=(.*)\n/);
            assert.strictEqual(m[1], '42');
        },
    },
    {
        // the program's standard error reaches the client too, apart from
        // the messages
        name: 'dap_program_stderr_reaches_client',
        fn: async (s) => {
            await s.launch(['env']);
            await s.expectExit(0);
            await s.waitFor(() => (/fx_dap: on stderr\n/.test(s.output('stderr') + s.output('stdout')) ? true : undefined), 5000,
                'the program\'s standard error as output');
        },
    },
    {
        name: 'dap_line_breakpoint_condition_hitcount',
        fn: async (s) => {
            const first = lineOf('work_first');
            const ret = lineOf('work_ret');
            let bps;
            await s.launch(['loop', '10'], {
                configure: async () => {
                    bps = await s.setLines(SRC, [
                        { line: first, condition: '@edi == 5' },
                        { line: ret, hitCondition: '3' },
                    ]);
                },
            });
            assert.strictEqual(bps.length, 2);
            bps.forEach((b) => assert.ok(b.verified, `not verified: ${JSON.stringify(b)}`));
            assert.deepStrictEqual([bps[0].line, bps[1].line], [first, ret]);
            assert.notStrictEqual(bps[0].id, bps[1].id);
            // the third hit of the return line: work(2)
            let st = await stopThread(s, 'breakpoint');
            assert.deepStrictEqual(st.hitBreakpointIds, [bps[1].id]);
            let f = await s.top(st.threadId);
            assert.ok(endsWith(f.source && f.source.path, 'fx_dap.c'), `source ${JSON.stringify(f.source)}`);
            assert.strictEqual(f.line, ret);
            assert.strictEqual(num(await s.repl('?? i', f.id)), 2);
            // only the conditional one now: it stops at work(5), no sooner
            const left = await s.setLines(SRC, [{ line: first, condition: '@edi == 5' }]);
            assert.ok(left[0].verified);
            await s.cont(st.threadId);
            st = await s.stopped('breakpoint');
            assert.deepStrictEqual(st.hitBreakpointIds, [left[0].id]);
            f = await s.top(st.threadId);
            assert.strictEqual(f.line, first);
            assert.strictEqual(num(await s.repl('?? i', f.id)), 5);
            await s.setLines(SRC, []);
            await s.cont(st.threadId);
            await s.expectExit(0);
            await s.waitOutput('stdout', /fx_dap: sum=745\n/);
        },
    },
    {
        name: 'dap_function_breakpoint_wildcard',
        fn: async (s) => {
            let bps;
            await s.launch(['loop', '3'], {
                configure: async () => {
                    bps = (await s.req('setFunctionBreakpoints', { breakpoints: [{ name: 'fx_dap!work*' }] })).body.breakpoints;
                },
            });
            assert.strictEqual(bps.length, 1);
            assert.ok(bps[0].verified, JSON.stringify(bps[0]));
            const st = await stopThread(s, /^(function )?breakpoint$/);
            assert.deepStrictEqual(st.hitBreakpointIds, [bps[0].id]);
            const f = await s.top(st.threadId);
            assert.match(f.name, /\bwork\b/);
            await s.req('setFunctionBreakpoints', { breakpoints: [] });
            await s.cont(st.threadId);
            await s.expectExit(0);
        },
    },
    {
        name: 'dap_logpoint_10000_hits_no_stop',
        timeout: 300000,
        fn: async (s) => {
            const first = lineOf('work_first');
            let bps;
            const t0 = Date.now();
            await s.launch(['loop'], {
                configure: async () => {
                    bps = await s.setLines(SRC, [{ line: first, logMessage: 'work {i}' }]);
                },
            });
            assert.ok(bps[0].verified, JSON.stringify(bps[0]));
            await s.expectExit(0, 280000);
            await s.waitOutput('stdout', /fx_dap: sum=50695000\n/);
            s.note = `10000 logpoint hits in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
            assert.strictEqual(s.eventsOf('stopped').length, 0, 'a logpoint stopped the program');
            const logged = s
                .eventsOf('output')
                .filter((e) => e.body.category !== 'stdout' && e.body.category !== 'stderr')
                .map((e) => e.body.output)
                .join('')
                .split('\n')
                .filter((l) => /^work /.test(l))
                .map((l) => l.slice(5).trim());
            assert.strictEqual(logged.length, 10000, `logged ${logged.length} lines, first: ${JSON.stringify(logged.slice(0, 3))}`);
            // {i} written in decimal (or in hex: MASM's radix)
            const dec = logged.map((v) => num(v));
            const hex = logged.map((v) => parseInt(v.replace(/^0x/i, ''), 16));
            const inOrder = (a) => a.every((v, k) => v === k);
            assert.ok(inOrder(dec) || inOrder(hex), `values not 0..9999 in turn: ${JSON.stringify(logged.slice(0, 12))}`);
        },
    },
    {
        name: 'dap_data_breakpoints_five_on_one_page',
        fn: async (s) => {
            const c0 = lineOf('data_c0');
            await s.launch(['data'], { configure: async () => s.setLines(SRC, [{ line: c0 }]) });
            const st = await stopThread(s, 'breakpoint');
            const f = await s.top(st.threadId);
            // as the Watch view asks: an expression in a frame
            const infos = [];
            for (let k = 0; k < 5; k++)
                infos.push((await s.req('dataBreakpointInfo', { name: `fx_counters.c${k}`, frameId: f.id })).body);
            for (const i of infos) {
                assert.ok(typeof i.dataId === 'string' && i.dataId.length, `no dataId: ${JSON.stringify(i)}`);
                if (i.accessTypes) assert.ok(i.accessTypes.includes('write'), JSON.stringify(i));
            }
            const set = (
                await s.req('setDataBreakpoints', { breakpoints: infos.map((i) => ({ dataId: i.dataId, accessType: 'write' })) })
            ).body.breakpoints;
            assert.strictEqual(set.length, 5);
            set.forEach((b) => assert.ok(b.verified, `data breakpoint not verified: ${JSON.stringify(b)}`));
            await s.setLines(SRC, []);
            for (let k = 0; k < 5; k++) {
                await s.cont(st.threadId);
                const hit = await s.stopped('data breakpoint');
                assert.deepStrictEqual(hit.hitBreakpointIds, [set[k].id], `write ${k}`);
                const top = await s.top(hit.threadId);
                assert.strictEqual(num(await s.repl(`?? fx_counters.c${k}`, top.id)), k + 1);
            }
            await s.cont(st.threadId);
            await s.expectExit(0);
            await s.waitOutput('stdout', /fx_dap: counters 1 2 3 4 5\n/);
        },
    },
    {
        name: 'dap_data_breakpoint_from_variables_view',
        fn: async (s) => {
            await s.launch(['data'], { configure: async () => s.setLines(SRC, [{ line: lineOf('data_c0') }]) });
            const st = await stopThread(s, 'breakpoint');
            const f = await s.top(st.threadId);
            const locals = await s.scope(f.id, 'locals', /local/i);
            const p = (await s.vars(locals.variablesReference)).find((v) => bareName(v.name) === 'p');
            assert.ok(p, 'no local p');
            // p's members, directly or under one `*p`
            let ref = p.variablesReference;
            let kids = await s.vars(ref);
            if (!kids.some((k) => bareName(k.name) === 'c1') && kids.length === 1) {
                ref = kids[0].variablesReference;
                kids = await s.vars(ref);
            }
            const c1 = kids.find((k) => bareName(k.name) === 'c1');
            assert.ok(c1, `no member c1 under p: ${JSON.stringify(kids)}`);
            // as the Variables view asks: a child of a container
            const info = (await s.req('dataBreakpointInfo', { variablesReference: ref, name: c1.name })).body;
            assert.ok(info.dataId, JSON.stringify(info));
            const set = (await s.req('setDataBreakpoints', { breakpoints: [{ dataId: info.dataId, accessType: 'write' }] })).body.breakpoints;
            assert.ok(set[0].verified, JSON.stringify(set[0]));
            await s.setLines(SRC, []);
            await s.cont(st.threadId);
            const hit = await s.stopped('data breakpoint');
            assert.deepStrictEqual(hit.hitBreakpointIds, [set[0].id]);
            const top = await s.top(hit.threadId);
            assert.deepStrictEqual([num(await s.repl('?? fx_counters.c0', top.id)), num(await s.repl('?? fx_counters.c1', top.id))], [1, 2]);
            await s.cont(st.threadId);
            await s.expectExit(0);
        },
    },
    {
        name: 'dap_stepping_in_over_out',
        fn: async (s) => {
            const call = lineOf('call_work');
            await s.launch(['loop', '3'], { configure: async () => s.setLines(SRC, [{ line: call }]) });
            const { threadId } = await stopThread(s, 'breakpoint');
            await s.setLines(SRC, []);
            const step = async (cmd, name, line) => {
                await s.req(cmd, { threadId });
                await s.stopped('step');
                const f = await s.top(threadId);
                assert.ok(new RegExp(`\\b${name}\\b`).test(f.name) && f.line === line,
                    `${cmd}: at ${f.name} line ${f.line}, expected ${name} line ${line}`);
                return f;
            };
            await step('stepIn', 'work', lineOf('work_first'));
            await step('next', 'work', lineOf('work_scale'));
            await step('next', 'work', lineOf('work_body'));
            await step('stepOut', 'loop_mode', call);
            await step('next', 'loop_mode', call - 1); // the for's i++
            const f = await step('next', 'loop_mode', call);
            assert.strictEqual(num(await s.repl('?? i', f.id)), 1);
            await step('next', 'loop_mode', call - 1); // over work(1)
            await s.cont(threadId);
            await s.expectExit(0);
            await s.waitOutput('stdout', /fx_dap: sum=213\n/);
        },
    },
    {
        name: 'dap_pause_busy_loop',
        fn: async (s) => {
            await s.launch(['spin']);
            await s.waitOutput('stdout', /spinning/);
            const pid = await s.pid();
            for (let round = 0; round < 2; round++) {
                await s.req('pause', { threadId: pid });
                const st = await s.stopped('pause');
                const frames = await s.frames(st.threadId);
                assert.match(frames[0].name, /\bspin\b/, `paused in ${frames[0].name}`);
                assert.match(procState(pid), /t/, `debuggee state ${procState(pid)} while paused`);
                await s.cont(pid);
                await sleep(300);
                assert.strictEqual(procState(pid), 'R', 'the busy loop does not run after continue');
            }
            await s.disconnect({});
            await assertGone(pid);
        },
    },
    {
        // VS Code asks for the threads while the program runs (to pause one)
        name: 'dap_threads_while_running',
        fn: async (s) => {
            await s.launch(['spin']);
            await s.waitOutput('stdout', /spinning/);
            const pid = await s.pid();
            const th = (await s.req('threads', {}, 5000)).body.threads;
            assert.deepStrictEqual(th.map((t) => t.id), [pid]);
            assert.strictEqual(procState(pid), 'R', 'threads stopped the program');
        },
    },
    {
        name: 'dap_deferred_breakpoint_in_dlopen_library',
        fn: async (s) => {
            const line = lineOf(/int fx_plugin_twice/, PLUGIN_SRC);
            let bps;
            await s.launch(['dlopen'], {
                configure: async () => {
                    bps = await s.setLines(PLUGIN_SRC, [{ line }]);
                },
            });
            assert.strictEqual(bps[0].verified, false, `verified before the library loaded: ${JSON.stringify(bps[0])}`);
            const st = await stopThread(s, 'breakpoint');
            const ev = s.eventsOf('breakpoint').find((e) => e.body.breakpoint.id === bps[0].id && e.body.breakpoint.verified);
            assert.ok(ev, `no breakpoint event verifying ${bps[0].id} before the stop`);
            assert.strictEqual(ev.body.reason, 'changed');
            assert.deepStrictEqual(st.hitBreakpointIds, [bps[0].id]);
            const f = await s.top(st.threadId);
            assert.match(f.name, /fx_plugin_twice/);
            assert.ok(endsWith(f.source && f.source.path, 'fx_plugin.c') && f.line === line,
                `at ${JSON.stringify(f.source)} line ${f.line}`);
            const mods = s.eventsOf('module').filter((e) => /libfx_plugin/.test(e.body.module.name + ' ' + (e.body.module.path || '')));
            assert.ok(mods.length && mods[0].body.reason === 'new', 'no module event (new) for libfx_plugin.so');
            await s.cont(st.threadId);
            await s.expectExit(0);
            await s.waitOutput('stdout', /fx_dap: twice\(21\)=42\n/);
        },
    },
    {
        name: 'dap_attach_disconnect_leaves_it_running',
        fn: async (s) => {
            const child = cp.spawn(PROG, ['wait'], { stdio: ['ignore', 'pipe', 'inherit'] });
            let out = '';
            child.stdout.on('data', (d) => (out += d.toString()));
            const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
            s.pids.push(child.pid);
            await s.waitFor(() => (/pid (\d+)/.test(out) ? true : undefined), 5000, 'the program to start');
            const pid = child.pid;
            const before = codeOf(pid, PROG);
            await s.init();
            let bps;
            await s.configureTarget('attach', { pid }, async () => {
                bps = (await s.req('setFunctionBreakpoints', { breakpoints: [{ name: 'tick' }] })).body.breakpoints;
            });
            const st = await s.stopped(/^(function )?breakpoint$/);
            assert.deepStrictEqual(st.hitBreakpointIds, [bps[0].id]);
            assert.match((await s.top(st.threadId)).name, /\btick\b/);
            await s.disconnect({ terminateDebuggee: false });
            await s.waitFor(() => s.exit || undefined, 10000, 'the adapter to exit');
            await sleep(100);
            assert.match(procState(pid) || 'gone', /^[RS]$/, 'the process does not run after disconnect');
            const seen = out.length;
            await sleep(700);
            assert.ok(out.length > seen, `no output after disconnect: ${JSON.stringify(out.slice(-80))}`);
            const after = codeOf(pid, PROG);
            assert.deepStrictEqual(after.maps, before.maps, 'executable mappings changed');
            assert.ok(after.bytes.equals(before.bytes), 'the program code differs from before the attach');
            child.kill('SIGTERM');
            const e = await exited;
            assert.deepStrictEqual(e, { code: 0, signal: null });
            assert.match(out, /fx_dap: done after \d+ ticks/);
        },
    },
    {
        name: 'dap_exception_filter_sigsegv',
        fn: async (s) => {
            await s.init();
            const filters = s.caps.exceptionBreakpointFilters || [];
            const segv = filters.find((x) => /segv/i.test(`${x.filter} ${x.label}`));
            assert.ok(segv, `no SIGSEGV filter in ${JSON.stringify(filters)}`);
            await s.launch(['segv'], {
                configure: async () => s.req('setExceptionBreakpoints', { filters: [segv.filter] }),
            });
            const st = await stopThread(s, 'exception');
            assert.match(JSON.stringify(st), /SEGV|segmentation/i);
            const f = await s.top(st.threadId);
            assert.strictEqual(f.line, lineOf('segv'));
            await s.disconnect({ terminateDebuggee: true });
            await assertGone(st.threadId);
        },
    },
    {
        name: 'dap_restart',
        fn: async (s) => {
            await s.launch(['loop', '3'], { stopOnEntry: true });
            const first = await stopThread(s, 'entry');
            await s.req('restart', {});
            const again = await s.stopped('entry');
            assert.notStrictEqual(again.threadId, first.threadId, 'the same process after restart');
            await assertGone(first.threadId);
            s.pids.push(again.threadId);
            await s.cont(again.threadId);
            await s.event('terminated', 20000);
            const ex = s.eventsOf('exited');
            assert.ok(ex.length && ex[ex.length - 1].body.exitCode === 0, JSON.stringify(ex));
            await s.waitOutput('stdout', /fx_dap: sum=213\n/);
            assert.strictEqual(s.output('stdout'), 'fx_dap: sum=213\n');
        },
    },
    {
        name: 'dap_terminate',
        fn: async (s) => {
            await s.launch(['spin']);
            await s.waitOutput('stdout', /spinning/);
            const pid = await s.pid();
            await s.req('terminate', {});
            await s.event('terminated');
            await assertGone(pid);
        },
    },
    {
        name: 'dap_step_back_refused',
        fn: async (s) => {
            await s.launch(['loop', '3'], { stopOnEntry: true });
            const st = await stopThread(s, 'entry');
            await s.refused('stepBack', { threadId: st.threadId });
            // and the session goes on
            await s.cont(st.threadId);
            await s.expectExit(0);
        },
    },
];
