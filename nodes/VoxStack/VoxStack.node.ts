import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { declarativeRequestDefaults } from '../shared/descriptions';

import { VOXSTACK_BASE_URL, VOXSTACK_CREDENTIAL } from './api';
import { searchAgents, searchCalls, searchTasks } from './listSearch';
import { agentFields, agentOperations } from './resources/agent';
import { callFields, callOperations } from './resources/call';
import { taskFields, taskOperations } from './resources/task';

export class VoxStack implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VoxStack',
		name: 'voxStack',
		icon: { light: 'file:voxstack.svg', dark: 'file:voxstack.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Run outbound voice-agent calls with VoxStack: agents, call tasks, calls, transcripts, reports and recordings',
		defaults: { name: 'VoxStack' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: VOXSTACK_CREDENTIAL, required: true }],
		requestDefaults: { ...declarativeRequestDefaults, baseURL: VOXSTACK_BASE_URL },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Call', value: 'call' },
					{ name: 'Task', value: 'task' },
				],
				default: 'task',
			},
			agentOperations,
			callOperations,
			taskOperations,
			...agentFields,
			...callFields,
			...taskFields,
		],
	};

	methods = { listSearch: { searchAgents, searchCalls, searchTasks } };
}
