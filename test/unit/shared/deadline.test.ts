// The Timeout is a deadline for the whole request: a server that sends its headers at once and
// then drips the body one byte at a time cannot keep a node busy past it.
import { CALL_ID, harness, only, rl, useHostileServer } from './hostile';

describe('a server that drips its answer', () => {
	const { hostile, all } = useHostileServer();

	// 40 bytes, one per 250 ms: the body would take 10 s, against a Timeout of 1 s.
	const drip = { kind: 'drip', bytes: 40, intervalMs: 250 };
	type Drip = { clientLeft: boolean; written: number; total: number };
	/** The drips once the server has seen each one end (the client's close reaches it a moment later). */
	async function settledDrips(): Promise<Drip[]> {
		const settled = () => hostile.drips.every((d: Drip) => d.clientLeft || d.written >= d.total);
		for (let i = 0; i < 100 && !settled(); i++) await new Promise((r) => setTimeout(r, 20));
		return hostile.drips;
	}

	it('a GET is cut off at the Timeout, body included, tried three times, and the error names the Timeout', async () => {
		hostile.setMode(drip);
		const { error } = await harness.run({
			type: 'convo',
			parameters: { resource: 'agent', operation: 'getAll', returnAll: true, requestOptions: { timeout: 1000 } },
			credentials: only('convoApi', all()),
		});
		expect(error?.message).toBe("Convo did not answer within the node's Timeout of 1 s (Settings → Request Options)");
		expect(error?.description).toBe("The timeout bounds the whole request, the answer's body included. The GET request was tried 3 times.");
		// Each attempt had its headers at once and was abandoned mid-body.
		const drips = await settledDrips();
		expect(drips).toHaveLength(3);
		expect(drips.every((d) => d.clientLeft && d.written < d.total)).toBe(true);
	});

	it('a POST is cut off once and not sent again', async () => {
		hostile.setMode(drip);
		const { error } = await harness.run({
			type: 'velents',
			parameters: { authentication: 'velentsSupportApi', resource: 'ticket', operation: 'create', subject: 'Damaged', message: 'The box was crushed.', requestOptions: { timeout: 1000 } },
			credentials: only('velentsSupportApi', all()),
		});
		expect(error?.message).toBe("Velents did not answer within the node's Timeout of 1 s (Settings → Request Options)");
		expect(error?.description).toContain('The POST request was not retried because it may already have been applied');
		const drips = await settledDrips();
		expect(drips).toHaveLength(1);
		expect(drips[0].clientLeft).toBe(true);
	});

	it('with Continue On Fail the timeout is the item’s error and the run goes on', async () => {
		hostile.setMode(drip);
		const { items, error } = await harness.run({
			type: 'timelyAi',
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true, requestOptions: { timeout: 500 } },
			credentials: only('timelyAiApi', all()),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe("Timely AI did not answer within the node's Timeout of 500 ms (Settings → Request Options)");
	});
});

describe('a live-transcript WebSocket whose handshake never completes', () => {
	const { hostile, all } = useHostileServer();

	it('each connection is given up at the Timeout and tried again, instead of one hanging connect', async () => {
		const wsUrl = `${hostile.url.replace('http', 'ws')}/stalled`;
		// Every GET answers an in-progress call that carries the stalled WebSocket URL.
		hostile.setMode({ kind: 'redirect', only: '^$', otherwise: { success: true, data: { id: CALL_ID, status: 'in_progress', websocket_url: wsUrl } } });
		const { items, error } = await harness.run({
			type: 'voxStack',
			parameters: { resource: 'call', operation: 'watchLive', callId: rl(CALL_ID), maxWait: 3, requestOptions: { timeout: 300 } },
			credentials: only('voxStackApi', all()),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ call_id: CALL_ID, ended: false, timed_out: true });
		expect(hostile.upgrades.length).toBeGreaterThanOrEqual(2);
	});
});
