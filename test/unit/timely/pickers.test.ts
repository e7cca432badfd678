// Every ID the Timely AI API can list has a searchable picker: each one runs in n8n-core's
// LoadOptionsContext against the simulator and offers the record the operation needs.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { TimelyAi } from '../../../nodes/TimelyAi/TimelyAi.node';
import type { Fixtures } from './setup';
import { fixtures, rl, timelySuite } from './setup';

describe('Timely AI › pickers', () => {
	const timely = timelySuite();

	const cases: Array<[method: string, parameters: (f: Fixtures) => IDataObject, expected: (f: Fixtures) => string]> = [
		['searchOpportunities', () => ({}), (f) => f.opportunity.id],
		['searchCustomFields', () => ({}), (f) => f.customField.id],
		['searchTrainings', (f) => ({ resource: 'training', operation: 'delete', agentId: rl(f.agent.id) }), (f) => f.training.id],
		['searchIntentions', (f) => ({ resource: 'intention', operation: 'update', agentId: rl(f.agent.id) }), (f) => f.intention.id],
		['searchIdleActions', (f) => ({ resource: 'idleAction', operation: 'delete', agentId: rl(f.agent.id) }), (f) => f.idleAction.id],
		['searchTransferRules', (f) => ({ resource: 'transferRule', operation: 'update', agentId: rl(f.agent.id) }), (f) => f.transferRule.id],
		['searchMcpTools', (f) => ({ resource: 'mcp', operation: 'activateTool', agentId: rl(f.agent.id) }), (f) => f.tool.id],
		['searchMcpServers', (f) => ({ resource: 'mcp', operation: 'deleteServer', agentId: rl(f.agent.id) }), (f) => f.mcpServer.id],
		['searchMessages', (f) => ({ resource: 'conversation', operation: 'editMessage', conversationId: rl(f.conversation.id) }), (f) => f.message.id],
		['searchMessages', (f) => ({ resource: 'chat', operation: 'deleteMessage', chatId: rl(f.conversation.id) }), (f) => f.message.id],
	];

	it.each(cases)('%s lists the record', async (method, parameters, expected) => {
		const f = fixtures(timely.data());
		const { results } = await timely.listSearch(method, parameters(f));
		expect(results.map((r) => r.value)).toContain(expected(f));
	});

	it('filters by the typed text where the API has no search parameter', async () => {
		const f = fixtures(timely.data());
		expect((await timely.listSearch('searchOpportunities', {}, 'automation')).results.map((r) => r.value)).toEqual([f.opportunity.id]);
		expect((await timely.listSearch('searchOpportunities', {}, 'no such deal')).results).toEqual([]);
		expect(timely.requests().at(-1)?.query).toEqual({ page: '1', limit: '50' });
	});

	it('asks for the agent first when a nested list needs it', async () => {
		await expect(timely.listSearch('searchIntentions', { resource: 'intention', operation: 'delete' })).rejects.toThrow('Choose the Agent first to list its records, or enter the ID');
	});

	it('every ID the API can list is a picker', () => {
		// Path IDs of records that have a list endpoint (document sections with a GET list).
		const listable = ['agentId', 'channelId', 'contactId', 'leadId', 'opportunityId', 'conversationId', 'interactionId', 'chatId', 'messageId', 'trainingId', 'fieldId', 'intentionId', 'actionId', 'ruleId', 'toolId', 'mcpId'];
		const properties = new TimelyAi().description.properties.filter((p) => listable.includes(p.name));
		expect(new Set(properties.map((p) => p.name))).toEqual(new Set(listable));
		expect(properties.filter((p) => p.type !== 'resourceLocator').map((p) => p.name)).toEqual([]);
		// The same for IDs in bodies and filters (inside Additional/Update Fields and Filters).
		const nested = new TimelyAi().description.properties.flatMap((p) => (p.type === 'collection' ? (p.options as INodeProperties[]) : [p]));
		const bodyIds = nested.filter((p) => ['agent_id', 'contact_id', 'lead_id', 'conversation_id'].includes(p.name));
		expect(bodyIds.length).toBeGreaterThan(5);
		expect(bodyIds.filter((p) => p.type !== 'resourceLocator').map((p) => p.name)).toEqual([]);
	});
});
