import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { declarativeRequestDefaults } from '../shared/descriptions';

import { AGENT_KEY, ORGANIZATION_KEY, RAIA_BASE_URL } from './api';
import { searchAgentFiles, searchConversations, searchUsers } from './listSearch';
import { agent, agentRole, organizationAgent, platformUser } from './resources/agent';
import { agentFile } from './resources/agentFile';
import { conversation, message } from './resources/conversation';
import { prompt } from './resources/prompt';
import { feedback, resourceUsage, user } from './resources/user';

const agentKeyResources = [agent, agentFile, conversation, feedback, message, prompt, resourceUsage, user];
const organizationKeyResources = [organizationAgent, agentRole, platformUser];

export class Raia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'raia',
		name: 'raia',
		icon: { light: 'file:raia.svg', dark: 'file:raia.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Talk to raia agents and manage their conversations, users, files, prompts and limits',
		defaults: { name: 'raia' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: AGENT_KEY, required: true, displayOptions: { show: { authentication: [AGENT_KEY] } } },
			{ name: ORGANIZATION_KEY, required: true, displayOptions: { show: { authentication: [ORGANIZATION_KEY] } } },
		],
		requestDefaults: { ...declarativeRequestDefaults, baseURL: RAIA_BASE_URL },
		properties: [
			{
				// n8n picks the credential from a parameter named `authentication`: here the key
				// type, since each raia endpoint accepts one of the two.
				displayName: 'Key',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent Secret Key', value: AGENT_KEY, description: 'Conversations, messages, prompts, users, files, limits of one agent' },
					{ name: 'Organization Secret Key', value: ORGANIZATION_KEY, description: 'Create or update agents, agent roles, platform users' },
				],
				default: AGENT_KEY,
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { authentication: [AGENT_KEY] } },
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Agent File', value: 'agentFile' },
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Feedback', value: 'feedback' },
					{ name: 'Message', value: 'message' },
					{ name: 'Prompt', value: 'prompt' },
					{ name: 'Resource Usage', value: 'resourceUsage' },
					{ name: 'User', value: 'user' },
				],
				default: 'message',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { authentication: [ORGANIZATION_KEY] } },
				// Not 'agent': n8n's action panel ignores the key when it lists a resource's
				// operations, so one value on both keys would show the agent-key list twice.
				options: [
					{ name: 'Agent Role', value: 'agentRole' },
					{ name: 'Organization Agent', value: 'organizationAgent' },
					{ name: 'Platform User', value: 'platformUser' },
				],
				default: 'organizationAgent',
			},
			...[...agentKeyResources, ...organizationKeyResources].map((r) => r.operations),
			...[...agentKeyResources, ...organizationKeyResources].flatMap((r) => r.fields),
		],
	};

	methods = { listSearch: { searchAgentFiles, searchConversations, searchUsers } };
}
