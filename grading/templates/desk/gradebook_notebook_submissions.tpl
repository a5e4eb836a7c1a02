{%- extends 'nbgrader/gradebook_notebook_submissions.tpl' -%}
{#- Red School: values through desk.js (base.tpl); the button is wired in desk.js, not onclick. -#}
{%- block head -%}
<script src="{{ base_url }}/formgrader/static/js/gradebook_notebook_submissions.js"></script>
<script src="{{ base_url }}/formgrader/static/desk/names.js"></script>
{%- endblock head -%}
{#- Red School: no "Show All Names" button: names always show (static/desk/names.js). -#}
{%- block messages -%}
{%- endblock -%}
