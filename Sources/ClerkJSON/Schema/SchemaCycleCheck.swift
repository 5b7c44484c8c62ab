/// Rejects schemas that could recurse forever: a cycle of `$ref` / `allOf` / `anyOf` / `oneOf` /
/// `not` / `if`-`then`-`else` that returns to a subschema without descending into the instance.
struct SchemaCycleCheck {
    let nodes: [SchemaNode]

    func run() throws(JSONSchemaError) {
        // 0 = unvisited, 1 = on the current path, 2 = done.
        var state = [UInt8](repeating: 0, count: nodes.count)
        for start in nodes.indices where state[start] == 0 {
            // Iterative DFS: (node, next edge to follow).
            var stack: [(node: Int, edge: Int)] = [(start, 0)]
            state[start] = 1
            while let (node, edge) = stack.last {
                let targets = inPlaceTargets(of: node)
                guard edge < targets.count else {
                    state[node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].edge += 1
                let (target, rulePointer) = targets[edge]
                switch state[target] {
                case 0:
                    state[target] = 1
                    stack.append((target, 0))
                case 1:
                    throw JSONSchemaError(
                        schemaPointer: rulePointer,
                        message: "reference cycle: \(quoted(nodes[target].pointer.description)) applies to itself without descending into the instance")
                default:
                    break
                }
            }
        }
    }

    private func inPlaceTargets(of index: Int) -> [(Int, JSONPointer)] {
        var targets: [(Int, JSONPointer)] = []
        for rule in nodes[index].rules {
            switch rule.kind {
            case .ref(let target), .not(let target):
                targets.append((target, rule.pointer))
            case .allOf(let list), .anyOf(let list), .oneOf(let list):
                targets += list.map { ($0, rule.pointer) }
            case .conditional(let condition, let then, let otherwise):
                targets += [condition, then, otherwise].compactMap { $0 }.map { ($0, rule.pointer) }
            default:
                break
            }
        }
        return targets
    }
}
