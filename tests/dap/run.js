#!/usr/bin/env node
'use strict';
// The DAP suite: `lindbg --dap` ($LINDBG) driven by @vscode/debugadapter-testsupport's
// DebugClient over tests/fixtures/fx_dap.c. One adapter per case; each
// case prints PASS NAME or FAIL NAME (after what went wrong and the end of
// the conversation); TEST_FILTER runs the cases whose name contains it.
const { Session } = require('./harness');
const cases = [...require('./cases_run'), ...require('./cases_inspect')];

async function runCase(c) {
    const s = new Session(c.name);
    const t0 = Date.now();
    let err = null;
    let timer;
    try {
        await Promise.race([
            c.fn(s),
            new Promise((_, rej) => {
                timer = setTimeout(() => rej(new Error(`case timed out after ${c.timeout || 60000} ms`)), c.timeout || 60000);
            }),
        ]);
    } catch (e) {
        err = e;
    }
    clearTimeout(timer);
    let faults = [];
    if (s.dc) faults = await s.finish();
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (!err && faults.length === 0) {
        console.log(`PASS ${c.name} (${secs} s${s.note ? ', ' + s.note : ''})`);
        return true;
    }
    if (err) console.log(`${c.name}: ${err.stack || err}`);
    for (const f of faults) console.log(`${c.name}: ${f}`);
    console.log(s.report());
    console.log(`FAIL ${c.name} (${secs} s)`);
    return false;
}

async function main() {
    const filter = process.env.TEST_FILTER || '';
    let passed = 0;
    let failed = 0;
    for (const c of cases) {
        if (filter && !c.name.includes(filter)) continue;
        if (await runCase(c)) passed++;
        else failed++;
    }
    console.log(`dap: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
}

process.on('unhandledRejection', (e) => {
    /* a request's promise left behind by a failed case: the case already failed */
});
main();
