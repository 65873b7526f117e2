// The stable diagnostic codes live with the model, whose framework checks report them too.
export { IssueCodes, type IssueCode } from '../../model/issue-codes.js';
