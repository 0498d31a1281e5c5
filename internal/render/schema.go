package render

import (
	"bytes"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ValidateJSON checks doc, the JSON of one dossier, against the JSON Schema
// in the file schemaPath (normally spec/dossier.schema.json at the module
// root). It returns nil when doc is valid, and otherwise an error that lists
// every violation with its location in doc (the jsonschema
// *ValidationError, wrapped). It compiles the schema on every call, which
// takes milliseconds: it is meant for tests, in this package and others,
// not for a hot path.
//
// Tests in other packages reach the schema from their own directory, e.g.
// render.ValidateJSON("../../spec/dossier.schema.json", out).
func ValidateJSON(schemaPath string, doc []byte) error {
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(schemaPath)
	if err != nil {
		return fmt.Errorf("render: compile schema %s: %w", schemaPath, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("render: parse dossier json: %w", err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("render: dossier does not match %s: %w", schemaPath, err)
	}
	return nil
}
