// VoxStack Record Trigger: completed, failed and any status change of the account's calls.
import { API_KEY, voxSuite } from './setup';

const vox = voxSuite();
const TYPE = 'voxStackRecordTrigger';
type Row = Record<string, unknown> & { id: string };
const ids = (result: Awaited<ReturnType<typeof vox.poll>>) => (result?.[0] ?? []).map((item) => String(item.json.id));

async function api(method: string, url: string, body?: object): Promise<Row> {
	const res = await fetch(`${vox.url}/api/v1${url}`, { method, headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
	expect(res.ok).toBe(true);
	return ((await res.json()) as { data: Row }).data;
}
async function placeCall(agentId: string) {
	const task = await api('POST', '/tasks', { agent_id: agentId, name: 'Poll', to_number: '+14155550123' });
	const { call_id: id } = await api('POST', `/tasks/${task.id}/execute`);
	return { task, id: String(id) };
}
const call = (id: string) => (vox.data().calls as Row[]).find((c) => c.id === id)!;
const waitUntil = async (check: () => boolean) => {
	for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('VoxStack Record Trigger', () => {
	it('each status change of a call once; completed and failed only their own; chosen agents only', async () => {
		const agents = vox.data().agents as Row[];
		const any = {};
		const completed = {};
		const failed = {};
		const otherAgent = {};
		const poll = (parameters: Record<string, string>, state: object) => vox.poll(TYPE, parameters, state as Record<string, unknown>);
		for (const [parameters, state] of [[{ event: 'any' }, any], [{ event: 'completed' }, completed], [{ event: 'failed' }, failed], [{ event: 'any', agentIds: String(agents[1]?.id ?? 'none') }, otherAgent]] as Array<[Record<string, string>, object]>) {
			expect(await poll(parameters, state)).toBeNull();
		}
		await vox.control('callDuration', { ms: 60_000 });
		const placed = await placeCall(String(agents[0].id));
		// The call is running: `any` sees it start, the others wait for its end.
		expect(ids(await poll({ event: 'any' }, any))).toEqual([placed.id]);
		expect(await poll({ event: 'completed' }, completed)).toBeNull();
		await api('POST', `/calls/${placed.id}/end`);
		await waitUntil(() => ['completed', 'failed'].includes(String(call(placed.id).status)));
		const ended = String(call(placed.id).status);
		expect(ids(await poll({ event: 'any' }, any))).toEqual([placed.id]);
		expect(ids(await poll({ event: ended }, ended === 'completed' ? completed : failed))).toEqual([placed.id]);
		expect(await poll({ event: 'any' }, any)).toBeNull();
		expect(await poll({ event: ended }, ended === 'completed' ? completed : failed)).toBeNull();
		expect(await poll({ event: 'any', agentIds: String(agents[1]?.id ?? 'none') }, otherAgent)).toBeNull();
		expect(ids(await vox.poll(TYPE, { event: 'any' }, {}, true))).toEqual([placed.id]);
	});

	it('calls seeded as ended: completed and failed each their own, once', async () => {
		const completed = {};
		const failed = {};
		await vox.poll(TYPE, { event: 'completed' }, completed);
		await vox.poll(TYPE, { event: 'failed' }, failed);
		await vox.control('seed', { calls: 5 });
		const calls = (vox.data().calls as Row[]).slice(-5);
		expect(ids(await vox.poll(TYPE, { event: 'completed' }, completed)).sort()).toEqual(calls.filter((c) => c.status === 'completed').map((c) => c.id).sort());
		expect(ids(await vox.poll(TYPE, { event: 'failed' }, failed))).toEqual(calls.filter((c) => c.status === 'failed').map((c) => c.id));
		expect(await vox.poll(TYPE, { event: 'completed' }, completed)).toBeNull();
		const lists = vox.requests().filter((r) => r.path === '/api/v1/calls');
		expect(lists.map((r) => r.query.status)).toContain('completed');
	});
});
