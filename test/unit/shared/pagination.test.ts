// Return All never stops early without saying so: where the document publishes no page-size
// cap (Convo, raia), a short page is not the end, so an API that caps pages below what we ask
// (the simulators' `pageCap` setting) still gives every record. raia lists whose documented
// schema is a single object output that object.
import { convoSuite } from '../convo/setup';
import { raiaSuite } from '../raia/setup';

describe('Return All with an unpublished page-size cap', () => {
	describe('Convo (limit/offset, no end marker)', () => {
		const convo = convoSuite();

		it('reads on past short pages until an empty one: 235 leads at a cap of 50 are all returned', async () => {
			const before = convo.data().leads.length;
			await convo.control('seed', { leads: 235 - before });
			await convo.control('config', { pageCap: 50 });
			const { items, error } = await convo.run({ resource: 'lead', operation: 'getAll', returnAll: true });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(235);
			expect(new Set(items.map((i) => i.json.id)).size).toBe(235);
			const offsets = convo.requests().map((r) => r.query.offset);
			expect(offsets).toEqual(['0', '50', '100', '150', '200', '235']);
		});

		it('a Limit above the cap is still met', async () => {
			await convo.control('seed', { leads: 200 });
			await convo.control('config', { pageCap: 50 });
			const { items } = await convo.run({ resource: 'lead', operation: 'getAll', returnAll: false, limit: 120 });
			expect(items).toHaveLength(120);
			expect(convo.requests().map((r) => [r.query.limit, r.query.offset])).toEqual([['100', '0'], ['70', '50'], ['20', '100']]);
		});
	});

	describe('raia (page/pageSize, hasNextPage)', () => {
		const raia = raiaSuite(50);

		it('follows hasNextPage when pages are capped: 235 users at a cap of 50', async () => {
			await raia.control('seed', { users: 235 });
			await raia.control('config', { pageCap: 50 });
			const { items, error } = await raia.run({ authentication: 'raiaOrganizationApi', resource: 'organizationAgent', operation: 'getUsers', agentId: raia.agent().id, returnAll: true });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(235);
			expect(new Set(items.map((i) => i.json.id)).size).toBe(235);
		});
	});
});

describe('raia lists documented as one object', () => {
	const raia = raiaSuite(50);
	const one = { id: 'a1b2', name: 'Only one' };

	it.each([
		['conversation states', 'raiaAgentApi', 'conversation', 'getStates', '/conversations/states'],
		['agent files', 'raiaAgentApi', 'agentFile', 'getAll', '/agent-files/by-api-key'],
		['agent roles', 'raiaOrganizationApi', 'agentRole', 'getAll', '/agent-roles/by-api-key'],
		['platform users', 'raiaOrganizationApi', 'platformUser', 'getAll', '/platform-users'],
	])('%s: an object answer is one item, not zero', async (_name, authentication, resource, operation, path) => {
		await raia.control('faults', { path, status: 200, body: one });
		const { items, error } = await raia.run({ authentication, resource, operation, returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([one]);
	});
});
