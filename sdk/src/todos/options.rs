//! Options that turn the CLI's todo tools on.

use crate::options::ClaudeAgentOptionsBuilder;

/// Turns the CLI's task tools (`TaskCreate`, `TaskUpdate`, `TaskGet`,
/// `TaskList`) on; CLI 2.1.330 offers them only with it.
const ENABLE_TODO_TOOLS: &str = "CLAUDE_CODE_ENABLE_TODO_TOOLS";
/// `0` switches the task tools off in favour of the single-list `TodoWrite`.
const ENABLE_TASKS: &str = "CLAUDE_CODE_ENABLE_TASKS";

/// Which todo tools the agent gets.
///
/// Observed with CLI 2.1.330: neither kind is offered by default;
/// `CLAUDE_CODE_ENABLE_TODO_TOOLS=1` offers the task tools, and
/// `CLAUDE_CODE_ENABLE_TASKS=0` on top of it offers `TodoWrite` instead.
/// CLI 2.1.197 offers the task tools by default, and `TodoWrite` with
/// `CLAUDE_CODE_ENABLE_TASKS=0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TodoTools {
    /// `TaskCreate`, `TaskUpdate`, `TaskGet` and `TaskList`: tasks with ids,
    /// owners and dependencies, kept per session.
    Tasks,
    /// `TodoWrite`: the model rewrites one list of todos each time.
    TodoWrite,
}

impl ClaudeAgentOptionsBuilder {
    /// Gives the agent the CLI's task tools, so that it plans with them and
    /// a [`TodoTracker`](crate::todos::TodoTracker) or
    /// [`TodoList::observe`](crate::todos::TodoList::observe) can follow its
    /// plan (`false` removes the setting again).
    ///
    /// ```
    /// use claude_agent_sdk::ClaudeAgentOptions;
    ///
    /// let options = ClaudeAgentOptions::builder().track_todos(true).build();
    /// assert!(options.env_keys().any(|k| k == "CLAUDE_CODE_ENABLE_TODO_TOOLS"));
    /// ```
    pub fn track_todos(self, enabled: bool) -> Self {
        if enabled {
            self.todo_tools(TodoTools::Tasks)
        } else {
            self.without_todo_tools()
        }
    }

    /// Chooses the todo tools the agent gets (see [`TodoTools`]).
    pub fn todo_tools(self, tools: TodoTools) -> Self {
        let builder = self.without_todo_tools().env(ENABLE_TODO_TOOLS, "1");
        match tools {
            TodoTools::Tasks => builder,
            TodoTools::TodoWrite => builder.env(ENABLE_TASKS, "0"),
        }
    }

    fn without_todo_tools(mut self) -> Self {
        self.options
            .env
            .retain(|(key, _)| key != ENABLE_TODO_TOOLS && key != ENABLE_TASKS);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClaudeAgentOptions;

    fn vars(builder: ClaudeAgentOptionsBuilder) -> Vec<(String, String)> {
        builder.build().env
    }

    #[test]
    fn sets_and_clears_the_variables() {
        assert_eq!(
            vars(ClaudeAgentOptions::builder().track_todos(true)),
            [(ENABLE_TODO_TOOLS.to_owned(), "1".to_owned())]
        );
        assert_eq!(
            vars(ClaudeAgentOptions::builder().todo_tools(TodoTools::TodoWrite)),
            [
                (ENABLE_TODO_TOOLS.to_owned(), "1".to_owned()),
                (ENABLE_TASKS.to_owned(), "0".to_owned())
            ]
        );
        let cleared = ClaudeAgentOptions::builder()
            .env("KEEP", "1")
            .todo_tools(TodoTools::TodoWrite)
            .track_todos(false);
        assert_eq!(vars(cleared), [("KEEP".to_owned(), "1".to_owned())]);
    }
}
