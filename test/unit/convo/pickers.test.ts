// Convo IDs the API can list have searchable pickers, run in n8n-core's LoadOptionsContext.
import { convoSuite } from './setup';

describe('Convo › pickers', () => {
	const convo = convoSuite();

	it('the lead picker pages through leads and searches their name, email and status', async () => {
		const first = await convo.listSearch('searchLeads', { resource: 'lead', operation: 'updateStatus' });
		expect(first.results.length).toBeGreaterThan(0);
		expect(first.results.map((r) => r.value)).toContain(convo.data().leads[0].id);
		const found = await convo.listSearch('searchLeads', { resource: 'lead', operation: 'updateStatus' }, 'lead 7');
		expect(found.results).toEqual([{ name: expect.stringContaining('Lead 7'), value: convo.data().leads[6].id }]);
	});

	it('the channel picker (conversation filter) lists channels by name and type', async () => {
		const { results } = await convo.listSearch('searchChannels', { resource: 'conversation', operation: 'getAll' });
		const channel = convo.data().channels[0];
		expect(results).toContainEqual({ name: `${channel.name} (${channel.type})`, value: channel.id });
	});
});
