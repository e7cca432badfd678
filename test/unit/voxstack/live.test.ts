import type { INode } from 'n8n-workflow';

import { followCall, newProgress, streamUrl } from '../../../nodes/VoxStack/liveTranscript';
import { API_KEY, rl, voxSuite } from './setup';

// This jest runs on Node 20, which has no global WebSocket; undici's client is the one Node 22+
// exposes as the global, so the node meets the same implementation it gets in n8n 2.x.
if (typeof WebSocket === 'undefined') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	Object.assign(globalThis, { WebSocket: require('undici').WebSocket });
}

describe('VoxStack › Watch Live Transcript', () => {
	const vox = voxSuite();
	const watch = (callId: string, extra: object = {}) =>
		vox.run({ resource: 'call', operation: 'watchLive', callId: rl(callId), maxWait: 10, ...extra });
	/** The server closes its side after call_status_update; the handshake takes a moment. */
	const openSocketsSettled = async () => {
		for (let i = 0; i < 100 && vox.sim.live.state().openSockets > 0; i++) await new Promise((r) => setTimeout(r, 20));
		return vox.sim.live.state().openSockets;
	};
	const liveCall = async (body: object = {}) => (await vox.control('liveCall', { intervalMs: 40, ...body })) as { call_id: string; turns: number };

	it('returns the turns in the order they were said, and the final status', async () => {
		const { call_id: callId } = await liveCall();
		const { items, error } = await watch(callId);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const result = items[0].json as { status: string; ended: boolean; source: string; turns: Array<{ index: number; role: string; message: string }> };
		expect(result).toMatchObject({ call_id: callId, status: 'completed', ended: true, timed_out: false, source: 'live', turn_count: 4 });
		expect(result.turns.map((t) => [t.index, t.role, t.message])).toEqual([
			[0, 'agent', 'Hello, this is a call from our company.'],
			[1, 'user', 'Hi, yes, I am John.'],
			[2, 'agent', 'Your order 12345 ships tomorrow.'],
			[3, 'user', 'Great, thanks!'],
		]);
		expect(await openSocketsSettled()).toBe(0);
	});

	it('one item per update, with the final status on each; a failed call ends the wait too', async () => {
		const { call_id: callId } = await liveCall({ turns: [{ role: 'agent', message: 'Hello?' }, { role: 'user', message: 'Wrong number.' }], endStatus: 'failed' });
		const { items } = await watch(callId, { liveOutput: 'each' });
		expect(items.map((i) => i.json)).toEqual([
			{ call_id: callId, index: 0, role: 'agent', message: 'Hello?', time_in_call_secs: 0, call_status: 'failed', ended: true },
			{ call_id: callId, index: 1, role: 'user', message: 'Wrong number.', time_in_call_secs: 3, call_status: 'failed', ended: true },
		]);
	});

	it('an ended call returns its stored transcript without opening a socket', async () => {
		const { call_id: callId } = await liveCall({ intervalMs: 5 });
		await vox.control('liveCall', {}); // unrelated call, so the counter below has something to ignore
		const call = () => vox.data().calls.find((c: { id: string }) => c.id === callId);
		for (let i = 0; i < 200 && call().status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 10));
		const connectionsBefore = vox.sim.live.state().connections;
		const { items } = await watch(callId);
		expect(items[0].json).toMatchObject({ status: 'completed', ended: true, source: 'stored', turn_count: 4 });
		expect(vox.sim.live.state().connections).toBe(connectionsBefore);
		expect(vox.requests().some((r) => r.path.endsWith('/live'))).toBe(false);
	});

	it('stops at Max Wait with what was said so far and the status in progress', async () => {
		const { call_id: callId } = await liveCall({ intervalMs: 20, endStatus: 'hold' });
		const { items, error } = await watch(callId, { maxWait: 1 });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'in_progress', ended: false, timed_out: true, turn_count: 4 });
		expect(await openSocketsSettled()).toBe(0);
	});

	it('connects with the session token when asked, never putting the API key in the URL', async () => {
		const { call_id: callId } = await liveCall();
		const { items } = await watch(callId, { connectWith: 'sessionToken' });
		expect(items[0].json).toMatchObject({ status: 'completed', turn_count: 4 });
		expect(vox.sim.live.state().connections).toBe(1);
	});

	it('an expired session token fails with a clear error', async () => {
		await vox.control('liveConfig', { sessionTokenTtlMs: 0 });
		const { call_id: callId } = await liveCall({ endStatus: 'hold' });
		const { error } = await watch(callId, { connectWith: 'sessionToken' });
		expect(error?.message).toBe(`VoxStack live stream of call ${callId}: Session token expired`);
		expect(error?.description).toMatch(/valid for 5 minutes/);
		expect(JSON.stringify(error)).not.toContain(API_KEY);
	});

	it('skips malformed messages and still returns every turn', async () => {
		const { call_id: callId } = await liveCall({
			turns: [
				{ role: 'agent', message: 'Hello.' },
				{ raw: '{"type": "transcript_update", "data": ' },
				{ raw: JSON.stringify({ type: 'transcript_update', data: { transcript: 'not a list' } }) },
				{ raw: JSON.stringify({ type: 'mystery' }) },
				{ role: 'user', message: 'Hi.' },
			],
		});
		const { items, error } = await watch(callId);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'completed', turn_count: 2, skipped_messages: 3 });
	});

	it('a dropped socket is reconnected: no turn twice, none missing', async () => {
		const turns = Array.from({ length: 6 }, (_, i) => ({ role: i % 2 ? 'user' : 'agent', message: `turn ${i}` }));
		// The first turn waits until the node is surely connected, so the drop hits an open socket.
		const { call_id: callId } = await liveCall({ turns, dropAfterTurn: 2, startDelayMs: 600 });
		const { items } = await watch(callId, { liveOutput: 'each' });
		expect(items.map((i) => i.json.message)).toEqual(turns.map((t) => t.message));
		expect(vox.sim.live.state()).toMatchObject({ drops: 1, connections: 2 });
	});
});

describe('VoxStack › live stream credentials', () => {
	const vox = voxSuite();
	const node = { name: 'VoxStack', type: 'voxStack', typeVersion: 1, parameters: {}, id: 'n', position: [0, 0] } as unknown as INode;
	const follow = (callId: string, query: string) =>
		followCall({
			context: { getNode: () => node } as never,
			client: WebSocket,
			callId,
			connectUrl: async () => `${vox.url.replace(/^http/, 'ws')}/ws/calls/${callId}?${query}`,
			progress: newProgress(),
			signal: AbortSignal.timeout(5000),
		});

	it.each([
		['a wrong API key', 'api_key=va_wrong_0000000000', 'Invalid API key', /Check the API key/],
		['a made-up session token', 'session_token=bm90LWEtdG9rZW4%3D', 'Invalid session token', /refused the stream credentials/],
		['no credentials at all', '', 'Missing api_key or session_token', /refused/],
	])('%s: a clear error naming what VoxStack said', async (_name, query, message, hint) => {
		const { call_id: callId } = (await vox.control('liveCall', { endStatus: 'hold' })) as { call_id: string };
		await expect(follow(callId, query)).rejects.toMatchObject({ message: `VoxStack live stream of call ${callId}: ${message}`, description: expect.stringMatching(hint) });
	});
});

describe('VoxStack › live stream URL', () => {
	const node = { name: 'VoxStack', type: 'voxStack', typeVersion: 1, parameters: {}, id: 'n', position: [0, 0] } as unknown as INode;
	const context = { getNode: () => node } as never;
	const info = { temp_token: 'c2Vzc2lvbg' };

	it('never puts the API key into a ws:// URL to another host: the session token goes instead, or the connection is refused', () => {
		const cleartext = streamUrl(context, 'call-1', 'ws://live.voxstack.example/ws/calls/call-1', info, 'va_secret_key_0001');
		expect(cleartext).toBe('ws://live.voxstack.example/ws/calls/call-1?session_token=c2Vzc2lvbg');
		expect(() => streamUrl(context, 'call-1', 'ws://live.voxstack.example/ws/calls/call-1', {}, 'va_secret_key_0001')).toThrow(
			'VoxStack named an unencrypted WebSocket address (ws://live.voxstack.example) for call call-1',
		);
	});

	it('uses the API key over wss:// and to this machine, and the session token when chosen', () => {
		expect(streamUrl(context, 'c', 'wss://live.voxstack.example/ws/calls/c', info, 'va_key')).toBe('wss://live.voxstack.example/ws/calls/c?api_key=va_key');
		expect(streamUrl(context, 'c', 'ws://127.0.0.1:9000/ws/calls/c', info, 'va_key')).toBe('ws://127.0.0.1:9000/ws/calls/c?api_key=va_key');
		expect(streamUrl(context, 'c', 'wss://live.voxstack.example/ws/calls/c', info, undefined)).toBe('wss://live.voxstack.example/ws/calls/c?session_token=c2Vzc2lvbg');
	});
});
