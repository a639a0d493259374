'use strict';
// Cases about looking at a stopped program (stack, scopes, variables,
// evaluate, memory, modules, threads) and about bad input.
const assert = require('assert');
const cp = require('child_process');
const { lineOf, num, bareName, freePort, assertGone, PROG, SRC } = require('./harness');

// Launches `loop 3` and stops at the line of work after scale = 1 (i = 0).
async function stopInWork(s) {
    await s.launch(['loop', '3'], { configure: async () => s.setLines(SRC, [{ line: lineOf('work_body') }]) });
    const st = await s.stopped('breakpoint');
    s.pids.push(st.threadId);
    const f = await s.top(st.threadId);
    return { st, f, threadId: st.threadId };
}

const find = (vars, name) => {
    const v = vars.find((x) => bareName(x.name) === name);
    assert.ok(v, `no ${name} in ${JSON.stringify(vars.map((x) => x.name))}`);
    return v;
};

// A pointer's pointee's members: directly its children, or under one `*p`.
async function pointee(s, v) {
    let kids = await s.vars(v.variablesReference);
    if (kids.length === 1 && kids[0].variablesReference > 0 && !kids.some((k) => bareName(k.name) === 'pos'))
        kids = await s.vars(kids[0].variablesReference);
    return kids;
}

// The address `? sym` evaluates to in the REPL.
async function addressOf(s, sym, frameId) {
    const out = await s.repl(`? ${sym}`, frameId);
    const m = /Evaluate expression:\s*(-?\d+)/.exec(out);
    assert.ok(m, `? ${sym}: ${out}`);
    return Number(m[1]);
}

// What GDB prints for each expression at the first stop on this line of
// `fx_dap loop 3`: the numbers in it, in order (GDB, like lindbg, runs the
// program without address randomisation, so addresses agree).
function gdbNumbers(line, exprs) {
    const args = ['-batch', '-nx', '-ex', `break fx_dap.c:${line}`, '-ex', 'run'];
    for (const e of exprs) args.push('-ex', `p ${e}`);
    const out = cp.execFileSync('gdb', [...args, '--args', PROG, 'loop', '3'], { encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'] });
    return exprs.map((e, k) => {
        const m = new RegExp(`^\\$${k + 1} = (.*)$`, 'm').exec(out);
        assert.ok(m, `gdb printed no ${e}: ${out}`);
        return (m[1].replace(/"[^"]*"|<[^>]*>/g, '').match(/0x[0-9a-f]+|-?\d+/gi) || []).map(Number);
    });
}

// The same numbers from the DAP variables of a struct rec.
async function recNumbers(s, vars) {
    const pos = await s.vars(find(vars, 'pos').variablesReference);
    const vals = await s.vars(find(vars, 'vals').variablesReference);
    return [num(find(pos, 'x').value), num(find(pos, 'y').value), ...vals.map((v) => num(v.value)),
        num(find(vars, 'name').value), num(find(vars, 'next').value) || 0];
}

async function finishLoop(s, threadId, sum) {
    await s.setLines(SRC, []);
    await s.cont(threadId);
    await s.expectExit(0);
    await s.waitOutput('stdout', new RegExp(`fx_dap: sum=${sum}\\n`));
}

module.exports = [
    {
        name: 'dap_stack_scopes_variables_struct',
        fn: async (s) => {
            const { f, threadId } = await stopInWork(s);
            const frames = await s.frames(threadId, 20);
            assert.match(frames[0].name, /\bwork\b/);
            assert.strictEqual(frames[0].line, lineOf('work_body'));
            assert.ok(frames[0].source && /fx_dap\.c$/.test(frames[0].source.path), JSON.stringify(frames[0].source));
            assert.match(frames[1].name, /\bloop_mode\b/);
            assert.strictEqual(frames[1].line, lineOf('call_work'));
            assert.ok(frames.some((x) => /\bmain\b/.test(x.name)), 'no main in the stack');
            // paging: the second frame alone
            const page = (await s.req('stackTrace', { threadId, startFrame: 1, levels: 1 })).body;
            assert.strictEqual(page.stackFrames.length, 1);
            assert.match(page.stackFrames[0].name, /\bloop_mode\b/);
            if (page.totalFrames !== undefined) assert.ok(page.totalFrames >= 3, `totalFrames ${page.totalFrames}`);

            const args = await s.scope(f.id, 'arguments', /arg/i);
            assert.strictEqual(num(find(await s.vars(args.variablesReference), 'i').value), 0);
            const locals = await s.scope(f.id, 'locals', /local/i);
            const lv = await s.vars(locals.variablesReference);
            assert.strictEqual(num(find(lv, 'scale').value), 1);
            const r = find(lv, 'r');
            const rv = await s.vars(r.variablesReference);
            const pos = await s.vars(find(rv, 'pos').variablesReference);
            assert.deepStrictEqual([num(find(pos, 'x').value), num(find(pos, 'y').value)], [10, 20]);
            const vals = await s.vars(find(rv, 'vals').variablesReference);
            assert.deepStrictEqual(vals.map((v) => [bareName(v.name), num(v.value)]), [['0', 30], ['1', 31], ['2', 32], ['3', 33]]);
            assert.match(find(rv, 'name').value, /"head"/);
            // the pointer: the program's fx_tail, expanded on request
            const next = find(rv, 'next');
            assert.strictEqual(num(next.value), await addressOf(s, 'fx_tail', f.id), `next = ${next.value}`);
            const tail = await pointee(s, next);
            const tpos = await s.vars(find(tail, 'pos').variablesReference);
            assert.deepStrictEqual([num(find(tpos, 'x').value), num(find(tpos, 'y').value)], [7, 8]);
            assert.match(find(tail, 'name').value, /"tail"/);
            const nil = find(tail, 'next');
            assert.strictEqual(num(nil.value) || 0, 0, `null pointer shown as ${nil.value}`);
            assert.ok(!nil.variablesReference, 'a null pointer can be expanded');

            // and GDB agrees, pointers included
            const [gr, gnext] = gdbNumbers(lineOf('work_body'), ['r', '*r.next']);
            assert.deepStrictEqual(await recNumbers(s, rv), gr, 'r differs from GDB\'s');
            assert.deepStrictEqual(await recNumbers(s, tail), gnext, '*r.next differs from GDB\'s');

            const regs = await s.scope(f.id, 'registers', /regist/i);
            const rip = find(await s.vars(regs.variablesReference), 'rip');
            assert.strictEqual(num(rip.value), num(frames[0].instructionPointerReference));
            await finishLoop(s, threadId, 213);
        },
    },
    {
        name: 'dap_set_variable_seen_by_program',
        fn: async (s) => {
            const { f, threadId } = await stopInWork(s);
            const locals = await s.scope(f.id, 'locals', /local/i);
            let lv = await s.vars(locals.variablesReference);
            const set1 = await s.req('setVariable', { variablesReference: locals.variablesReference, name: find(lv, 'scale').name, value: '100' });
            assert.strictEqual(num(set1.body.value), 100);
            const pos = find(await s.vars(find(lv, 'r').variablesReference), 'pos');
            const px = find(await s.vars(pos.variablesReference), 'x');
            const set2 = await s.req('setVariable', { variablesReference: pos.variablesReference, name: px.name, value: '1010' });
            assert.strictEqual(num(set2.body.value), 1010);
            lv = await s.vars(locals.variablesReference);
            assert.strictEqual(num(find(lv, 'scale').value), 100);
            assert.strictEqual(num(await s.repl('?? r.pos.x', f.id)), 1010);
            // work(0) = (1010 + 20 + 33) * 100 + 7, then 71 and 72
            await finishLoop(s, threadId, 106450);
        },
    },
    {
        name: 'dap_evaluate_repl_and_watch',
        fn: async (s) => {
            const { f, threadId } = await stopInWork(s);
            const bl = await s.repl('bl', f.id);
            assert.match(bl, /^\s*\d+ e .*fx_dap!work\+0x/m, `bl: ${bl}`);
            assert.strictEqual(num(await s.repl('?? i', f.id)), 0);
            const watch = await s.req('evaluate', { expression: 'r.pos.y', frameId: f.id, context: 'watch' });
            assert.strictEqual(num(watch.body.result), 20);
            const hover = await s.req('evaluate', { expression: 'scale', frameId: f.id, context: 'hover' });
            assert.strictEqual(num(hover.body.result), 1);
            await finishLoop(s, threadId, 213);
        },
    },
    {
        // the REPL's `g` runs the program without a request that says so:
        // the client learns it from a `continued` event before the stop
        name: 'dap_repl_go_sends_continued',
        fn: async (s) => {
            const { f, threadId } = await stopInWork(s);
            await s.repl('g', f.id);
            const c = await s.event('continued', 5000);
            const st = await s.stopped('breakpoint');
            assert.ok(c.seq < s.eventsOf('stopped')[1].seq, 'continued after the stop');
            assert.strictEqual(st.threadId, threadId);
            assert.strictEqual(num(await s.repl('?? i', (await s.top(threadId)).id)), 1);
            await finishLoop(s, threadId, 213);
        },
    },
    {
        name: 'dap_read_write_memory_disassemble',
        fn: async (s) => {
            const { f, threadId } = await stopInWork(s);
            const ip = f.instructionPointerReference;
            assert.ok(ip, 'the frame has no instructionPointerReference');
            const mem = (await s.req('readMemory', { memoryReference: ip, count: 16 })).body;
            assert.strictEqual(num(mem.address), num(ip));
            const code = Buffer.from(mem.data || '', 'base64');
            assert.strictEqual(code.length, 16);
            assert.notStrictEqual(code[0], 0xcc, 'readMemory shows the breakpoint, not the program');
            const dis = (await s.req('disassemble', { memoryReference: ip, instructionCount: 4, resolveSymbols: true })).body.instructions;
            assert.strictEqual(dis.length, 4);
            assert.strictEqual(num(dis[0].address), num(ip));
            assert.ok(dis[0].instruction && dis[0].instruction.length, JSON.stringify(dis[0]));
            if (dis[0].instructionBytes) {
                const hex = dis[0].instructionBytes.replace(/\s/g, '').toLowerCase();
                assert.ok(code.toString('hex').startsWith(hex), `bytes ${hex} vs memory ${code.toString('hex')}`);
            }
            // fx_tail.pos.x = 1000 before work(0) reads it
            const tail = await addressOf(s, 'fx_tail', f.id);
            const data = Buffer.alloc(4);
            data.writeInt32LE(1000);
            const w = (await s.req('writeMemory', { memoryReference: '0x' + tail.toString(16), data: data.toString('base64') })).body || {};
            if (w.bytesWritten !== undefined) assert.strictEqual(w.bytesWritten, 4);
            const back = (await s.req('readMemory', { memoryReference: '0x' + tail.toString(16), count: 4 })).body;
            assert.strictEqual(Buffer.from(back.data, 'base64').readInt32LE(0), 1000);
            // unreadable memory: an error or unreadableBytes, and no end
            const none = await s.raw('readMemory', { memoryReference: '0x0', count: 8 });
            if (none.success) assert.ok(!none.body.data || none.body.unreadableBytes > 0, JSON.stringify(none.body));
            // (i + 10 + 20 + 33) + 1000 for i = 0, 1, 2
            await finishLoop(s, threadId, 3192);
        },
    },
    {
        name: 'dap_instruction_breakpoint',
        fn: async (s) => {
            const { f, threadId } = await stopInWork(s);
            const ip = f.instructionPointerReference;
            await s.setLines(SRC, []);
            const bps = (await s.req('setInstructionBreakpoints', { breakpoints: [{ instructionReference: ip }] })).body.breakpoints;
            assert.ok(bps.length === 1 && bps[0].verified, JSON.stringify(bps));
            await s.cont(threadId);
            const st = await s.stopped(/^(instruction )?breakpoint$/);
            assert.deepStrictEqual(st.hitBreakpointIds, [bps[0].id]);
            const top = await s.top(st.threadId);
            assert.strictEqual(num(top.instructionPointerReference), num(ip));
            assert.strictEqual(num(await s.repl('?? i', top.id)), 1);
            await s.req('setInstructionBreakpoints', { breakpoints: [] });
            await s.cont(threadId);
            await s.expectExit(0);
        },
    },
    {
        name: 'dap_threads_modules_sources',
        fn: async (s) => {
            let bps;
            await s.launch(['threads'], {
                configure: async () => {
                    bps = (await s.req('setFunctionBreakpoints', { breakpoints: [{ name: 'thread_main' }] })).body.breakpoints;
                },
            });
            const st = await s.stopped(/^(function )?breakpoint$/);
            assert.deepStrictEqual(st.hitBreakpointIds, [bps[0].id]);
            const th = (await s.req('threads')).body.threads;
            assert.ok(th.length >= 2 && th.some((t) => t.id === st.threadId), JSON.stringify(th));
            s.pids.push(Math.min(...th.map((t) => t.id)));
            assert.ok(s.eventsOf('thread').some((e) => e.body.reason === 'started' && e.body.threadId === st.threadId),
                'no thread event (started) for the new thread');
            const mods = (await s.req('modules', {})).body.modules;
            const named = (re) => mods.some((m) => re.test(`${m.name} ${m.path || ''}`));
            assert.ok(named(/fx_dap/) && named(/libc\.so/), JSON.stringify(mods.map((m) => m.name)));
            const srcs = (await s.req('loadedSources', {})).body.sources;
            assert.ok(srcs.some((x) => /fx_dap\.c$/.test(x.path || '')), JSON.stringify(srcs.slice(0, 10)));
            await s.req('setFunctionBreakpoints', { breakpoints: [] });
            await s.cont(st.threadId);
            await s.expectExit(0);
            await s.waitOutput('stdout', /fx_dap: threads 170 270\n/);
            const gone = s.eventsOf('thread').filter((e) => e.body.reason === 'exited');
            assert.ok(gone.length >= 2, `${gone.length} thread exited events`);
        },
    },
    {
        name: 'dap_bad_input_session_goes_on',
        fn: async (s) => {
            await s.init();
            const bad = (text) => s.proc.stdin.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
            bad('{"seq": 90, "type": "req');
            await s.waitFor(() => s.orphans.find((r) => r.success === false), 5000, 'an error response to malformed JSON');
            bad('{"seq": 91, "type": "request"}');
            await s.waitFor(() => (s.orphans.filter((r) => r.success === false).length >= 2 ? true : undefined), 5000,
                'an error response to a request without a command');
            await s.refused('lindbgNoSuchRequest', { x: 1 });
            await s.launch(['loop', '3'], { stopOnEntry: true });
            const st = await s.stopped('entry');
            s.pids.push(st.threadId);
            await s.refused('lindbgNoSuchRequest', {});
            await s.cont(st.threadId);
            await s.expectExit(0);
            await s.waitOutput('stdout', /fx_dap: sum=213\n/);
        },
    },
    {
        name: 'dap_huge_message',
        fn: async (s) => {
            await s.init();
            const send = (text) => s.proc.stdin.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
            // 8 MB, whole: answered (an error is fine), and the session goes on
            send(JSON.stringify({ seq: 50, type: 'request', command: 'evaluate', arguments: { expression: 'a'.repeat(8 << 20), context: 'watch' } }));
            await s.waitFor(() => s.orphans.find((r) => r.request_seq === 50), 20000, 'a response to the 8 MB request');
            await s.raw('threads', {});
            // 2 GB announced, 1 MB sent, then the end: an error or a clean end
            s.proc.stdin.write('Content-Length: 2000000000\r\n\r\n{"seq":51,"type":"request","command":"threads","arguments":{"x":"');
            s.proc.stdin.write('a'.repeat(1 << 20));
            s.proc.stdin.end();
            s.disconnected = true;
            await s.waitFor(() => s.exit || undefined, 15000, 'the adapter to end with its input');
        },
    },
    {
        name: 'dap_client_vanishes_mid_run',
        fn: async (s) => {
            await s.launch(['spin']);
            await s.waitOutput('stdout', /spinning/);
            const pid = await s.pid();
            s.disconnected = true; // no disconnect: the client just goes
            s.proc.stdin.end();
            await s.waitFor(() => s.exit || undefined, 10000, 'the adapter to end with its input');
            await assertGone(pid);
        },
    },
    {
        name: 'dap_port_mode',
        fn: async (s) => {
            await s.start({ port: await freePort() });
            await s.launch(['loop', '3'], { stopOnEntry: true });
            const st = await s.stopped('entry');
            s.pids.push(st.threadId);
            await s.cont(st.threadId);
            await s.expectExit(0);
            await s.waitOutput('stdout', /fx_dap: sum=213\n/);
        },
    },
];
