// raia agent files have a searchable picker, run in n8n-core's LoadOptionsContext.
import { randomUUID } from 'node:crypto';

import { raiaSuite, rl } from './setup';

describe('raia › pickers', () => {
	const raia = raiaSuite();

	it('the agent file picker lists the files of the agent and filters by name', async () => {
		const files = raia.agent().files as Array<Record<string, unknown>>;
		const handbook = { id: randomUUID(), fileName: 'handbook.pdf', url: 'https://files.example.com/1', createdAt: new Date().toISOString(), vectorStoreUploadStatus: 'done' };
		files.push(handbook, { id: randomUUID(), fileName: 'prices.csv', url: 'https://files.example.com/2', createdAt: new Date().toISOString() });
		const all = await raia.listSearch('searchAgentFiles', { resource: 'agentFile', operation: 'delete' });
		expect(all.results).toHaveLength(2);
		const found = await raia.listSearch('searchAgentFiles', { resource: 'agentFile', operation: 'delete' }, 'HANDBOOK');
		expect(found.results).toEqual([{ name: 'handbook.pdf (done)', value: handbook.id }]);
		const { error } = await raia.run({ resource: 'agentFile', operation: 'delete', fileId: rl(handbook.id) });
		expect(error).toBeUndefined();
		expect(raia.requests().at(-1)).toMatchObject({ method: 'DELETE', path: `/external/agent-files/${handbook.id}/delete` });
	});
});
