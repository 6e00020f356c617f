package io.meshcanary.local.host;

/**
 * The FunctionName of an Invoke call: a name, a partial ARN (account:function:name) or an ARN, each possibly with
 * a :qualifier. Locally every version and alias runs the same code, so the qualifier is kept only for messages.
 */
record FunctionRef(String name, String qualifier) {

    static FunctionRef parse(String functionName) {
        String[] parts = functionName.split(":");
        if (functionName.startsWith("arn:") && parts.length >= 7 && parts[5].equals("function")) {
            return new FunctionRef(parts[6], parts.length > 7 ? parts[7] : null);
        }
        if (parts.length >= 3 && parts[1].equals("function")) {
            return new FunctionRef(parts[2], parts.length > 3 ? parts[3] : null);
        }
        return new FunctionRef(parts[0], parts.length > 1 ? parts[1] : null);
    }
}
