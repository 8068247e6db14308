//! The tools of the standalone calculator, as `tools/list` describes them.

use claude_agent_sdk_examples::calculator;

#[test]
fn calculator_tool_schemas() {
    insta::assert_json_snapshot!("calculator", calculator::server().tool_definitions());
}
