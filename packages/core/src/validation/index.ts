export { describeIssues, type Issue, issuesOf } from "./issues";
