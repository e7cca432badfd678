import { randomUUID } from 'node:crypto';

import { TimelyAiApi } from '../../../credentials/TimelyAiApi.credentials';
import { TimelyAi } from '../../../nodes/TimelyAi/TimelyAi.node';
import { TimelyAiRecordTrigger } from '../../../nodes/TimelyAi/TimelyAiRecordTrigger.node';
import { simulatorSuite } from '../../harness/suite';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createTimelySimulator, DEFAULT_KEYS, QR_PNG } = require('../../simulators/timely/server');

export const [FULL_KEY, CONTACTS_READ_KEY, OTHER_COMPANY_KEY] = Object.keys(DEFAULT_KEYS);
export { QR_PNG };

export function timelySuite() {
	const suite = simulatorSuite({
		type: 'timelyAi',
		nodes: [new TimelyAi(), new TimelyAiRecordTrigger()],
		credentialTypes: [new TimelyAiApi()],
		simulator: createTimelySimulator(),
		credentials: (url) => ({ timelyAiApi: { apiKey: FULL_KEY, baseUrl: url } }),
	});
	return Object.assign(suite, { data: () => suite.sim.data() });
}

type Row = Record<string, unknown> & { id: string };

/** Records of every kind, put straight into the simulator so each operation has a target. */
export function fixtures(data: Record<string, Row[] & Record<string, unknown>>) {
	const stamp = { created_at: new Date().toISOString(), updated_at: new Date().toISOString(), company_id: 'c1' };
	const add = <T extends Record<string, unknown>>(list: Row[], record: T) => {
		const row = { id: randomUUID(), ...stamp, ...record } as unknown as Row & T;
		list.push(row);
		return row;
	};
	const agent = data.agents[0] as Row & Record<string, Row[]>;
	const conversation = data.conversations[0] as Row & { messages: Row[] };
	const mcpServer = add(agent.mcpServers, { name: 'Orders', url: 'https://mcp.example.com', type: 'http' });
	return {
		agent,
		conversation,
		message: conversation.messages[0],
		channel: data.channels[0],
		contact: add(data.contacts, { customer_name: 'Joao Silva', customer_email: 'joao@empresa.com', status: 'active' }),
		lead: add(data.leads, { customer_name: 'Maria Souza', status: 'new', score: 40 }),
		opportunity: add(data.opportunities, { title: 'Automation project', stage: 'proposal', value: 15000 }),
		training: add(data.trainings as unknown as Row[], { agent_id: agent.id, type: 'text', content: 'About us', status: 'completed' }),
		customField: add(data.customFields as unknown as Row[], { name: 'Cargo', field_type: 'text', is_archived: false }),
		intention: add(agent.intentions, { name: 'Schedule', examples: ['book a meeting'] }),
		idleAction: add(agent.idleActions, { name: 'Nudge', trigger_after_minutes: 30, action_type: 'message' }),
		transferRule: add(agent.transferRules, { name: 'To sales', condition_type: 'keyword', target_type: 'department', priority: 1 }),
		mcpServer,
		tool: add(agent.tools, { mcp_server_id: mcpServer.id, tool_name: 'lookup_order', active: true }),
	};
}

export type Fixtures = ReturnType<typeof fixtures>;
export const rl = (value: string) => ({ __rl: true, mode: 'id', value });
