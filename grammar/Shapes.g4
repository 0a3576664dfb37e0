/*
 * The Shapes notation: declarations of tensors by dtype and shape, plus the
 * Python spelling of framework calls, so users can paste their own loss lines.
 *
 * The grammar describes one logical line (a statement). Splitting a cell into
 * logical lines (newlines and ';' outside brackets, indented `for` bodies) is
 * done in Java by lang.StatementSplitter, which keeps one malformed line from
 * hiding the others.
 */
grammar Shapes;

// ---------------------------------------------------------------- parser

statementLine
    : simpleStatement EOF
    ;

simpleStatement
    : USE framework=NAME options+=useOption*                             # UseStatement
    | IMPORT importAlias (',' importAlias)*                              # ImportStatement
    | FROM dottedName IMPORT importAlias (',' importAlias)*             # FromImportStatement
    | FROM dottedName IMPORT '(' importAlias (',' importAlias)* ','? ')' # FromImportStatement
    | NAME ':' dtype=NAME ('[' dimList? ']')? ('=' value=expr)?          # Declaration
    | FOR targetList IN iterable=expr ':' body=simpleStatement?          # ForStatement
    | targetList '=' (targetList '=')* value=exprList                    # Assignment
    | target=expr op=augOp value=expr                                    # AugmentedAssignment
    | exprList                                                           # ExpressionStatement
    ;

useOption
    : NAME | INT | FLOAT
    ;

importAlias
    : dottedName (AS alias=NAME)?
    ;

dottedName
    : NAME ('.' NAME)*
    ;

dimList
    : expr (',' expr)* ','?
    ;

targetList
    : expr (',' expr)* ','?
    ;

exprList
    : expr (',' expr)* trailingComma=','?
    ;

augOp
    : '+=' | '-=' | '*=' | '/=' | '@='
    ;

expr
    : expr '.' NAME                                              # Attribute
    | expr '(' arguments? ')'                                    # Call
    | expr '[' subscripts ']'                                    # Indexing
    | <assoc=right> expr '**' expr                               # Power
    | op=('-' | '+' | '~') expr                                  # Unary
    | expr op=('*' | '/' | '//' | '%' | '@') expr                # Multiplicative
    | expr op=('+' | '-') expr                                   # Additive
    | expr op=('<' | '>' | '==' | '!=' | '<=' | '>=') expr       # Comparison
    | NOT expr                                                   # Not
    | expr AND expr                                              # And
    | expr OR expr                                               # Or
    | atom                                                       # AtomExpr
    ;

atom
    : NAME                                                       # NameAtom
    | INT                                                        # IntAtom
    | FLOAT                                                      # FloatAtom
    | STRING+                                                    # StringAtom
    | NONE                                                       # NoneAtom
    | TRUE                                                       # TrueAtom
    | FALSE                                                      # FalseAtom
    | ELLIPSIS                                                   # EllipsisAtom
    | '[' (expr (',' expr)* ','?)? ']'                           # ListAtom
    | '(' ')'                                                    # EmptyTupleAtom
    | '(' expr ')'                                               # ParenAtom
    | '(' expr ',' (expr (',' expr)* ','?)? ')'                  # TupleAtom
    | '{' (dictEntry (',' dictEntry)* ','?)? '}'                 # DictAtom
    ;

dictEntry
    : key=expr ':' value=expr
    ;

arguments
    : argument (',' argument)* ','?
    ;

argument
    : NAME '=' expr                                              # KeywordArgument
    | expr                                                       # PositionalArgument
    ;

subscripts
    : subscript (',' subscript)* ','?
    ;

subscript
    : lower=expr? ':' upper=expr? (':' step=expr?)?              # SliceSubscript
    | expr                                                       # IndexSubscript
    ;

// ---------------------------------------------------------------- lexer

USE      : 'use';
IMPORT   : 'import';
FROM     : 'from';
AS       : 'as';
FOR      : 'for';
IN       : 'in';
NOT      : 'not';
AND      : 'and';
OR       : 'or';
NONE     : 'None';
TRUE     : 'True';
FALSE    : 'False';

ELLIPSIS : '...';

NAME
    : [a-zA-Z_] [a-zA-Z_0-9]*
    ;

FLOAT
    : DIGITS '.' DIGITS? EXPONENT?
    | '.' DIGITS EXPONENT?
    | DIGITS EXPONENT
    ;

INT
    : DIGITS
    ;

STRING
    : STRING_PREFIX? '"' (ESCAPE | ~["\\\r\n])* '"'
    | STRING_PREFIX? '\'' (ESCAPE | ~['\\\r\n])* '\''
    ;

// A string that runs to the end of the line without its closing quote; the
// parser reports it as an unterminated string literal.
UNTERMINATED_STRING
    : STRING_PREFIX? '"' (ESCAPE | ~["\\\r\n])*
    | STRING_PREFIX? '\'' (ESCAPE | ~['\\\r\n])*
    ;

NEWLINE
    : '\r'? '\n'
    ;

SEMI : ';';

COMMENT
    : '#' ~[\r\n]* -> skip
    ;

LINE_CONTINUATION
    : '\\' [ \t]* '\r'? '\n' -> skip
    ;

WS
    : [ \t\f]+ -> skip
    ;

// Anything else becomes a token of its own, so the parser reports it with its
// position instead of the lexer dropping it.
UNKNOWN_CHAR
    : .
    ;

fragment DIGITS        : [0-9] ('_'? [0-9])*;
fragment EXPONENT      : [eE] [+-]? DIGITS;
fragment ESCAPE        : '\\' .;
fragment STRING_PREFIX : [rRbBuU];
