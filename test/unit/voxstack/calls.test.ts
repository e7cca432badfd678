import { rl, voxSuite } from './setup';

describe('VoxStack › Call', () => {
	const vox = voxSuite();

	async function finishedCall(toNumber = '+14155550123') {
		const agentId = vox.data().agents[0].id;
		const task = (await vox.run({ resource: 'task', operation: 'create', agentId: rl(agentId), name: 'x', toNumber })).items[0].json;
		const { call_id: callId } = (await vox.run({ resource: 'task', operation: 'execute', taskId: rl(String(task.id)) })).items[0].json;
		await vox.sim.idle();
		return String(callId);
	}

	it('Return All over 1,000 calls: every call, 11 requests of at most 100', async () => {
		await vox.control('seed', { calls: 1000 });
		const { items, error } = await vox.run({ resource: 'call', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1000);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(1000);
		const pages = vox.requests().filter((r) => r.path === '/api/v1/calls');
		expect(pages).toHaveLength(11);
		expect(pages.every((p) => p.query.limit === '100')).toBe(true);
	});

	it('filters calls by status and stops at Limit', async () => {
		await vox.control('seed', { calls: 30 });
		const { items } = await vox.run({ resource: 'call', operation: 'getAll', returnAll: false, limit: 4, filters: { status: 'failed' } });
		expect(items).toHaveLength(4);
		expect(items.every((i) => i.json.status === 'failed')).toBe(true);
		expect(vox.requests()[0].query).toEqual({ status: 'failed', limit: '4', offset: '0' });
	});

	it('gets transcripts: stored one missing at first, fetched with POST, then readable', async () => {
		const callId = await finishedCall();
		const before = await vox.run({ resource: 'call', operation: 'getTranscript', callId: rl(callId) });
		expect(before.error?.message).toBe('VoxStack: Transcript not available yet; fetch it with POST /calls/:id/transcript');
		const fetched = await vox.run({ resource: 'call', operation: 'fetchTranscript', callId: rl(callId) });
		expect(fetched.items[0].json).toMatchObject({ call_id: callId, extracted_data: { customer_name: 'John Doe' } });
		const after = await vox.run({ resource: 'call', operation: 'getTranscript', callId: rl(callId) });
		expect((after.items[0].json.transcript as unknown[]).length).toBe(4);
		const report = await vox.run({ resource: 'call', operation: 'getReport', callId: rl(callId) });
		expect(report.items[0].json).toMatchObject({ report: { outcome: 'success' } });
		const full = await vox.run({ resource: 'call', operation: 'get', callId: rl(callId) });
		expect(full.items[0].json).toMatchObject({ id: callId, status: 'completed', report: { sentiment: 'positive' } });
	});

	it('downloads the recording as binary data with its MIME type, name and size', async () => {
		const callId = await finishedCall();
		const url = await vox.run({ resource: 'call', operation: 'getRecording', callId: rl(callId) });
		expect(url.items[0].json).toMatchObject({ recording_url: `${vox.url}/api/v1/calls/${callId}/recording/stream`, content_type: 'audio/wav' });
		const { items, error } = await vox.run({ resource: 'call', operation: 'downloadRecording', callId: rl(callId), binaryPropertyName: 'audio' });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ fileName: `call-${callId}.wav`, mimeType: 'audio/wav', fileSize: vox.sim.recording.length });
		const binary = items[0].binary!.audio;
		expect(binary.mimeType).toBe('audio/wav');
		expect(binary.fileName).toBe(`call-${callId}.wav`);
		const bytes = Buffer.from(binary.data, 'base64');
		expect(bytes.equals(vox.sim.recording)).toBe(true);
		expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
	});

	it('reports a recording that is not available yet with the provider message (JSON error on a binary request)', async () => {
		const agentId = vox.data().agents[0].id;
		const task = (await vox.run({ resource: 'task', operation: 'create', agentId: rl(agentId), name: 'x', toNumber: '+14155550123' })).items[0].json;
		const { call_id: callId } = (await vox.run({ resource: 'task', operation: 'execute', taskId: rl(String(task.id)) })).items[0].json;
		const { error } = await vox.run({ resource: 'call', operation: 'downloadRecording', callId: rl(String(callId)), binaryPropertyName: 'data' });
		expect(error?.message).toBe('VoxStack: Recording is only available for completed or failed calls');
		await vox.sim.idle();
	});

	it('gets live connection info, and ends or cancels an active call', async () => {
		const agentId = vox.data().agents[0].id;
		const tasks = [];
		for (const name of ['end me', 'cancel me']) tasks.push((await vox.run({ resource: 'task', operation: 'create', agentId: rl(agentId), name, toNumber: '+14155550123' })).items[0].json);
		const calls = [];
		await vox.control('callDuration', { ms: 10_000 });
		for (const task of tasks) calls.push(String((await vox.run({ resource: 'task', operation: 'execute', taskId: rl(String(task.id)) })).items[0].json.call_id));
		const live = await vox.run({ resource: 'call', operation: 'getLive', callId: rl(calls[0]) });
		expect(live.items[0].json).toMatchObject({ call_id: calls[0], websocket_url: expect.stringMatching(/^ws:\/\/.*\/ws\/calls\//), temp_token: expect.any(String) });
		const ended = await vox.run({ resource: 'call', operation: 'end', callId: rl(calls[0]) });
		expect(ended.items[0].json).toMatchObject({ status: 'completed', message: 'Call ended' });
		const cancelled = await vox.run({ resource: 'call', operation: 'cancel', callId: rl(calls[1]) });
		expect(cancelled.items[0].json).toMatchObject({ status: 'failed', message: 'Call cancelled' });
		await vox.sim.idle();
		const again = await vox.run({ resource: 'call', operation: 'end', callId: rl(calls[0]) });
		expect(again.error?.message).toBe('VoxStack: Call is not active (status completed)');
	});

	it('names an empty call id before sending', async () => {
		const { error } = await vox.run({ resource: 'call', operation: 'get', callId: '={{ $json.id }}' }, { items: [{ json: { id: '' } }] });
		expect(error?.message).toBe('Call is required');
		expect(vox.requests()).toHaveLength(0);
	});
});
